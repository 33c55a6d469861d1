import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// base './': every asset URL is relative, so the server may serve the UI under any path and the
// SPA fallback can answer deep links (the server maps .../assets/x to /assets/x).
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/v1': 'http://127.0.0.1:8080' } },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test-setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
