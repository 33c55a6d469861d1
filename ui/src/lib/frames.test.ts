import { describe, expect, it } from 'vitest';
import type { FrameEventView } from '../api/types';
import { frameFromHash, frameSeries, nearestIndex } from './frames';

function ev(frame: number, extra: Partial<FrameEventView> = {}): FrameEventView {
  return {
    event_id: `e${frame}-${extra.event_type ?? 'g'}`,
    trace_id: 't',
    event_type: 'FRAME_GENERATED',
    frame_index: frame,
    media_time_ms: frame * 40,
    observed_at: '2026-01-01T00:00:00.000Z',
    received_at: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

describe('frameSeries', () => {
  it('merges quality and GPU events of one frame into one column, frames ascending', () => {
    const s = frameSeries([
      ev(2, { quality_metrics: { clip_similarity: 0.3 } }),
      ev(0, { quality_metrics: { clip_similarity: 0.1, aesthetic_score: 6 } }),
      ev(0, { event_type: 'GPU_SAMPLE', gpu: { vram_used_mb: 100, gpu_utilization_pct: 90 } }),
    ]);
    expect(s.frames).toEqual([0, 2]);
    expect(s.clip).toEqual([0.1, 0.3]);
    expect(s.aesthetic).toEqual([6, null]);
    expect(s.vram).toEqual([100, null]);
    expect(s.mediaTime).toEqual([0, 80]);
  });
});

describe('nearestIndex', () => {
  it('finds the nearest value, ties to the lower one', () => {
    expect(nearestIndex([0, 10, 20], 14)).toBe(1);
    expect(nearestIndex([0, 10, 20], 15)).toBe(1);
    expect(nearestIndex([0, 10, 20], 16)).toBe(2);
    expect(nearestIndex([0, 10, 20], 99)).toBe(2);
    expect(nearestIndex([], 3)).toBe(-1);
  });
});

describe('frameFromHash', () => {
  it('reads #frame=N', () => {
    expect(frameFromHash('#frame=120')).toBe(120);
    expect(frameFromHash('#x=1&frame=7')).toBe(7);
    expect(frameFromHash('#frame=abc')).toBeNull();
    expect(frameFromHash('')).toBeNull();
  });
});
