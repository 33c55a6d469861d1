import type { FrameCountSeries, FrameDistributionSeries, SpanView, TraceView } from '../api/types';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();

let seq = 0;
export function id(n = ++seq): string {
  const h = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${h}`;
}

export function span(spanId: string, parent: string | undefined, startMs: number, durMs: number, extra: Partial<SpanView> = {}): SpanView {
  return {
    span_id: spanId,
    trace_id: 'trace',
    parent_span_id: parent,
    span_kind: 'CUSTOM',
    name: `span ${spanId.slice(-4)}`,
    start_time: iso(startMs),
    end_time: iso(startMs + durMs),
    status: 'OK',
    duration_ms: durMs,
    ...extra,
  };
}

/** root → `a` children → each with `b` children: 1 + a + a·b spans, sorted by start. */
export function wideTree(a: number, b: number): SpanView[] {
  const out: SpanView[] = [span(id(1_000_000), undefined, 0, 100_000, { name: 'root', span_kind: 'CUSTOM' })];
  const root = out[0].span_id;
  let n = 1_000_001;
  for (let i = 0; i < a; i++) {
    const sid = id(n++);
    out.push(span(sid, root, i * 10, 50, { name: `step ${i}`, span_kind: 'SAMPLING' }));
    for (let j = 0; j < b; j++) out.push(span(id(n++), sid, i * 10 + j, 5, { name: `block ${i}.${j}`, span_kind: 'CUSTOM' }));
  }
  return out;
}

export function trace(n: number, extra: Partial<TraceView> = {}): TraceView {
  return {
    trace_id: id(n),
    status: 'COMPLETED',
    reported_status: 'COMPLETED',
    created_at: iso(-n * 60_000),
    legal_hold: false,
    first_received_at: iso(-n * 60_000),
    updated_at: iso(-n * 60_000),
    duration_ms: 1000 + n,
    pipeline_config: { model_name: 'wan-2.1', num_frames: 48 },
    tags: { project: 'alpha' },
    ...extra,
  };
}

/** A fetch stand-in that answers by URL and records every request. */
export function fakeFetch(answer: (url: URL, init?: RequestInit) => unknown) {
  const calls: { url: URL; init?: RequestInit }[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    calls.push({ url, init });
    const body = answer(url, init);
    if (body instanceof Response) return body;
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  return { fn, calls };
}

/** A counting frame series (spec 05 §6.4) of daily buckets from 2026-01-01, one `[value, count]` each. */
export function frameCounts(metric: FrameCountSeries['metric'], buckets: [number, number][]): FrameCountSeries {
  return {
    metric,
    bucket: 'day',
    from: iso(-30 * 86_400_000),
    to: iso(buckets.length * 86_400_000),
    data: buckets.map(([value, count], i) => ({ start: iso(i * 86_400_000), value, count })),
  };
}

/** A distribution frame series of daily buckets from 2026-01-01, one `[count, avg, p95, p99]` each. */
export function frameDistribution(
  metric: FrameDistributionSeries['metric'],
  buckets: [number, number, number, number][],
): FrameDistributionSeries {
  return {
    metric,
    bucket: 'day',
    from: iso(-30 * 86_400_000),
    to: iso(buckets.length * 86_400_000),
    data: buckets.map(([count, avg, p95, p99], i) => ({ start: iso(i * 86_400_000), count, avg, p95, p99 })),
  };
}
