// Starts the real all-in-one server jar with the demo data on a free port, and talks to its API.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `java -jar <jar>` with OVPO_DEMO=true; resolves once /health answers and the key was printed. */
export async function startServer(jar, log) {
  if (!existsSync(jar)) throw new Error(`no server jar at ${jar}: build it (make server-jar)`);
  const port = await freePort();
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('OVPO_')) delete env[k];
  Object.assign(env, {
    OVPO_PORT: String(port),
    OVPO_BIND_HOST: '127.0.0.1',
    OVPO_DEMO: 'true',
    // The test sends many requests in a few seconds; the default tier would throttle them.
    OVPO_BOOTSTRAP_TIER: 'unlimited',
  });
  const child = spawn('java', ['-Xmx1g', '-jar', jar], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let key = null;
  const onData = (d) => {
    out += d.toString();
    log?.(d.toString());
    const m = /export OVPO_API_KEY=(ovpo_[a-z0-9]+_[A-Za-z0-9]+)/.exec(out);
    if (m) key = m[1];
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out.slice(-3000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not up within 60 s:\n${out.slice(-3000)}`);
    }
    try {
      const r = await fetch(`${base}/health`);
      if (r.ok && key) break;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  return {
    base,
    key,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && child.exitCode === null; i++) await sleep(100);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

export function apiClient(base, key) {
  const headers = { Authorization: `Bearer ${key}`, Accept: 'application/json' };
  return {
    async get(path) {
      const r = await fetch(base + path, { headers });
      const text = await r.text();
      if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${text}`);
      return JSON.parse(text);
    },
    async ingest(items) {
      const r = await fetch(`${base}/v1/ingest/batch`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json', 'X-OVPO-Schema-Version': '0.08' },
        body: JSON.stringify({ items }),
      });
      const body = await r.json();
      if (r.status !== 202 || body.failed_items !== 0) {
        throw new Error(`ingest: ${r.status} ${JSON.stringify(body).slice(0, 2000)}`);
      }
      return body;
    },
  };
}

export async function waitFor(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await sleep(300);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}
