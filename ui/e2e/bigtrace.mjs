// A synthetic video job of exactly 10,000 spans and 5,000 frame events, with a known shape:
//   video job (CUSTOM)
//   ├─ load weights (LOAD)            ├─ encode prompt (TEXT_ENCODE)
//   ├─ denoise (SAMPLING) ── 99 × "step i" ── 50 × "attn block i.j"
//   └─ decode video (DECODE) ── 4,946 × "decode chunk k"      (+ every frame event)
import { randomUUID } from 'node:crypto';

export const STEPS = 99;
export const BLOCKS = 50;
export const CHUNKS = 4946;
export const FRAMES = 5000;
export const FPS = 24;
export const TOTAL_MS = 600_000;

const iso = (ms) => new Date(ms).toISOString();

export function bigTrace(now = Date.now()) {
  const t0 = Math.floor((now - 15 * 60_000) / 1000) * 1000;
  const traceId = randomUUID();
  const spans = [];
  /** span id → {start, duration} in ms after t0, for the test's own geometry checks. */
  const geometry = new Map();
  const add = (parent, kind, name, start, duration) => {
    const id = randomUUID();
    spans.push({
      span_id: id,
      trace_id: traceId,
      ...(parent ? { parent_span_id: parent } : {}),
      span_kind: kind,
      name,
      start_time: iso(t0 + start),
      end_time: iso(t0 + start + duration),
      status: 'OK',
    });
    geometry.set(id, { start, duration, name });
    return id;
  };
  const root = add(null, 'CUSTOM', 'video job', 0, TOTAL_MS);
  add(root, 'LOAD', 'load weights', 0, 20_000);
  add(root, 'TEXT_ENCODE', 'encode prompt', 20_000, 5_000);
  const denoise = add(root, 'SAMPLING', 'denoise', 25_000, 375_000);
  const ids = { root, denoise, steps: [], blocks: [] };
  for (let i = 0; i < STEPS; i++) {
    const s0 = 25_000 + i * 3_750;
    const step = add(denoise, 'SAMPLING', `step ${i}`, s0, 3_700);
    ids.steps.push(step);
    for (let j = 0; j < BLOCKS; j++) ids.blocks.push(add(step, 'CUSTOM', `attn block ${i}.${j}`, s0 + j * 73, 70));
  }
  const decode = add(root, 'DECODE', 'decode video', 400_000, 200_000);
  ids.decode = decode;
  for (let k = 0; k < CHUNKS; k++) add(decode, 'DECODE', `decode chunk ${k}`, 400_000 + k * 40, 35);
  if (spans.length !== 10_000) throw new Error(`expected 10000 spans, built ${spans.length}`);

  const events = [];
  for (let f = 0; f < FRAMES; f++) {
    events.push({
      event_id: randomUUID(),
      trace_id: traceId,
      span_id: decode,
      event_type: 'FRAME_DECODED',
      frame_index: f,
      media_time_ms: Math.floor((f * 1000) / FPS),
      observed_at: iso(t0 + 400_000 + f * 39),
      quality_metrics: {
        clip_similarity: +(0.28 + 0.04 * Math.sin(f / 50)).toFixed(4),
        aesthetic_score: +(5.5 + Math.sin(f / 80)).toFixed(3),
      },
      gpu: {
        vram_used_mb: Math.round(40_000 + 2_000 * Math.sin(f / 300)),
        gpu_utilization_pct: +(80 + 10 * Math.sin(f / 40)).toFixed(1),
      },
    });
  }
  const trace = {
    trace_id: traceId,
    status: 'COMPLETED',
    created_at: iso(t0),
    started_at: iso(t0),
    ended_at: iso(t0 + TOTAL_MS),
    pipeline_config: {
      model_name: 'e2e-synthetic',
      width: 1280,
      height: 720,
      fps: FPS,
      num_frames: FRAMES,
      steps: STEPS,
      hardware: { gpu_type: 'H100', gpu_count: 1 },
    },
    expected_frames: FRAMES,
    tags: { project: 'e2e-big', env: 'e2e' },
  };
  const batches = [
    [{ item_type: 'trace', data: trace }, ...spans.slice(0, 5000).map((d) => ({ item_type: 'span', data: d }))],
    spans.slice(5000).map((d) => ({ item_type: 'span', data: d })),
    events.map((d) => ({ item_type: 'frame_event', data: d })),
  ];
  return { traceId, t0, batches, geometry, ids };
}
