import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setApiKey } from '../api/session';
import type { TraceDetail } from '../api/types';
import { fakeFetch, trace, wideTree } from '../test/fixtures';
import { TraceDetailView } from './TraceDetailView';

vi.mock('../components/UPlotChart', () => ({ UPlotChart: () => null }));

function detail(extra: Partial<TraceDetail['trace']>, completeness?: Partial<TraceDetail['summary']['completeness']>): TraceDetail {
  const spans = wideTree(2, 2);
  return {
    trace: trace(1, extra),
    spans,
    frame_events: [],
    artifacts: [],
    events_has_more: false,
    events_next_cursor: null,
    summary: {
      total_duration_ms: 100_000,
      span_breakdown_pct: { SAMPLING: 80, CUSTOM: 20 },
      peak_vram_mb: 41000,
      avg_gpu_utilization_pct: 87.5,
      frame_count: 0,
      event_count: 0,
      observed_fps: null,
      compute_units: 12.5,
      compute_units_by_span_kind: { SAMPLING: 10, CUSTOM: 2.5 },
      pricing_profile: { name: 'default', version: '1' },
      completeness: { reasons: [], missing_frames: [], truncated: false, ...completeness },
      frame_events_expired: false,
    },
  };
}

describe('TraceDetailView', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the failure of a FAILED trace and selects the failing span on request', async () => {
    setApiKey('ovpo_abcdefgh_' + 'D'.repeat(40));
    const d = detail({ status: 'FAILED', reported_status: 'FAILED' });
    const failing = d.spans[2].span_id;
    d.trace.failure = { code: 'OOM', message: 'CUDA out of memory', span_id: failing, retryable: true };
    window.history.replaceState(null, '', `/traces/${d.trace.trace_id}`);
    vi.stubGlobal('fetch', fakeFetch(() => d).fn);
    render(<TraceDetailView traceId={d.trace.trace_id} />);
    const panel = await screen.findByTestId('failure-panel');
    expect(panel.textContent).toContain('OOM');
    expect(panel.textContent).toContain('CUDA out of memory');
    fireEvent.click(screen.getByText('Show the failing span'));
    expect(new URLSearchParams(window.location.search).get('span')).toBe(failing);
    expect((await screen.findByTestId('span-panel')).dataset.spanId).toBe(failing);
    expect(screen.getByTestId('compute-units').textContent).toContain('12.5');
  });

  it('lists PARTIAL reasons and missing frame ranges', async () => {
    setApiKey('ovpo_abcdefgh_' + 'D'.repeat(40));
    const d = detail(
      { status: 'PARTIAL', reported_status: 'COMPLETED' },
      { reasons: [{ code: 'MISSING_FRAMES', message: '6 of 48 frames never arrived' }], missing_frames: [{ first: 10, last: 12 }, { first: 30, last: 30 }] },
    );
    vi.stubGlobal('fetch', fakeFetch(() => d).fn);
    render(<TraceDetailView traceId={d.trace.trace_id} />);
    expect((await screen.findByTestId('missing-frames')).textContent).toBe('Missing frames: 10–12, 30');
    expect(screen.getByTestId('failure-panel').textContent).toContain('MISSING_FRAMES');
    expect(screen.getByText(/client reported COMPLETED/)).toBeTruthy();
  });

  it('says so when the trace does not exist', async () => {
    setApiKey('ovpo_abcdefgh_' + 'D'.repeat(40));
    vi.stubGlobal(
      'fetch',
      fakeFetch(() => new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no such trace', request_id: 'x' } }), { status: 404 })).fn,
    );
    render(<TraceDetailView traceId="00000000-0000-4000-8000-000000000000" />);
    expect((await screen.findByTestId('error')).textContent).toContain('NOT_FOUND');
  });
});
