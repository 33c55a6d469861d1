import type { SpanView } from '../api/types';

export interface KindDelta {
  kind: string;
  countA: number;
  countB: number;
  msA: number;
  msB: number;
  /** msB − msA: positive when B spent longer. */
  delta: number;
  /** delta / msA, null when A has none of this kind. */
  ratio: number | null;
}

function byKind(spans: SpanView[]): Map<string, { count: number; ms: number }> {
  const out = new Map<string, { count: number; ms: number }>();
  for (const s of spans) {
    const e = out.get(s.span_kind) ?? { count: 0, ms: 0 };
    e.count++;
    e.ms += s.duration_ms ?? 0;
    out.set(s.span_kind, e);
  }
  return out;
}

/** Per span kind, total span duration in A and B and the signed change, biggest change first. */
export function kindDeltas(a: SpanView[], b: SpanView[]): KindDelta[] {
  const ka = byKind(a);
  const kb = byKind(b);
  const kinds = new Set([...ka.keys(), ...kb.keys()]);
  const rows: KindDelta[] = [];
  for (const kind of kinds) {
    const x = ka.get(kind) ?? { count: 0, ms: 0 };
    const y = kb.get(kind) ?? { count: 0, ms: 0 };
    rows.push({
      kind,
      countA: x.count,
      countB: y.count,
      msA: x.ms,
      msB: y.ms,
      delta: y.ms - x.ms,
      ratio: x.ms > 0 ? (y.ms - x.ms) / x.ms : null,
    });
  }
  return rows.sort((p, q) => Math.abs(q.delta) - Math.abs(p.delta) || p.kind.localeCompare(q.kind));
}
