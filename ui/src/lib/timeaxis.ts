/** Nice tick positions (ms) for a time window: 1/2/5 × 10^k steps, about `target` of them. */
export function ticks(start: number, end: number, target = 6): number[] {
  const span = end - start;
  if (!(span > 0)) return [start];
  const raw = span / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end + 1e-9 && out.length < 50; t += step) out.push(t);
  return out;
}

export interface Window {
  start: number;
  end: number;
}

/** Zoom by `factor` (< 1 zooms in) around `center`, kept inside [0, total]. */
export function zoom(w: Window, factor: number, total: number, center = (w.start + w.end) / 2): Window {
  const len = Math.min(Math.max((w.end - w.start) * factor, Math.min(1, total)), total);
  let start = center - (center - w.start) * (len / (w.end - w.start));
  start = Math.min(Math.max(start, 0), total - len);
  return { start, end: start + len };
}

/** Move the window by `fraction` of its length, kept inside [0, total]. */
export function pan(w: Window, fraction: number, total: number): Window {
  const len = w.end - w.start;
  const start = Math.min(Math.max(w.start + len * fraction, 0), total - len);
  return { start, end: start + len };
}
