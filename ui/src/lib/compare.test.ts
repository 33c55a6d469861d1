import { describe, expect, it } from 'vitest';
import { span, id } from '../test/fixtures';
import { kindDeltas } from './compare';
import { formatDelta } from './format';

describe('kindDeltas', () => {
  it('sums durations per span kind and signs the change from A to B', () => {
    const a = [span(id(1), undefined, 0, 100, { span_kind: 'SAMPLING' }), span(id(2), undefined, 0, 50, { span_kind: 'DECODE' })];
    const b = [
      span(id(3), undefined, 0, 70, { span_kind: 'SAMPLING' }),
      span(id(4), undefined, 0, 90, { span_kind: 'SAMPLING' }),
      span(id(5), undefined, 0, 20, { span_kind: 'DECODE' }),
      span(id(6), undefined, 0, 5, { span_kind: 'UPSCALE' }),
    ];
    const rows = kindDeltas(a, b);
    const by = Object.fromEntries(rows.map((r) => [r.kind, r]));
    expect(by.SAMPLING.delta).toBe(60);
    expect(by.SAMPLING.countB).toBe(2);
    expect(by.DECODE.delta).toBe(-30);
    expect(by.UPSCALE.ratio).toBeNull();
    expect(rows[0].kind).toBe('SAMPLING');
  });

  it('formats deltas with their sign', () => {
    expect(formatDelta(1500)).toBe('+1.50 s');
    expect(formatDelta(-300)).toBe('−300 ms');
    expect(formatDelta(0)).toBe('±0 ms');
  });
});
