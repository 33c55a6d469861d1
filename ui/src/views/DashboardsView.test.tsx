import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApiKey } from '../api/session';
import { fakeFetch, frameCounts, frameDistribution, trace } from '../test/fixtures';
import { DashboardsView, rangeBounds } from './DashboardsView';

vi.mock('../components/UPlotChart', () => ({ UPlotChart: () => null }));

const BOTTLENECKS = {
  from: '',
  to: '',
  data: [
    { span_kind: 'SAMPLING', count: 12, avg_ms: 900.5, p95_ms: 1234, p99_ms: 1500 },
    { span_kind: 'DECODE', count: 12, avg_ms: 100, p95_ms: 210, p99_ms: 250 },
  ],
};

const CLIP = frameDistribution('clip_similarity', [
  [240, 0.3, 0.34, 0.35],
  [480, 0.31234, 0.351, 0.3587],
]);
const FAILURES = frameCounts('frame_failure_rate', [
  [0, 100],
  [0.0125, 400],
]);
const GPU = frameDistribution('gpu_utilization_pct', [[36, 88.2, 97.5, 99.1]]);

/** The API of a tenant with traces and frame events; `frames` overrides the frame series answers. */
function answer(frames: (metric: string) => unknown = (m) => ({ clip_similarity: CLIP, frame_failure_rate: FAILURES, gpu_utilization_pct: GPU })[m]) {
  return fakeFetch((u) => {
    if (u.pathname === '/v1/analytics/bottlenecks') return BOTTLENECKS;
    if (u.pathname === '/v1/analytics/frames/timeseries') return frames(u.searchParams.get('metric')!);
    if (u.pathname === '/v1/analytics/timeseries')
      return {
        metric: u.searchParams.get('metric'),
        bucket: 'day',
        from: '',
        to: '',
        data: [{ start: '2026-01-01T00:00:00.000Z', value: 3, count: 3 }],
      };
    if (u.pathname === '/v1/traces') return { data: [trace(1)], has_more: false, next_cursor: null };
    return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: `unexpected ${u.pathname}` } }), { status: 404 });
  });
}

const latest = (panel: HTMLElement, stat: string) => within(panel).getByTestId(`latest-${stat}`);

describe('DashboardsView', () => {
  beforeEach(() => {
    setApiKey('ovpo_abcdefgh_' + 'C'.repeat(40));
    window.history.replaceState(null, '', '/dashboards?range=30d');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the bottlenecks exactly as the API reports them, for the range in the URL', async () => {
    const f = answer();
    vi.stubGlobal('fetch', f.fn);
    render(<DashboardsView />);
    const table = await screen.findByTestId('bottleneck-table');
    const sampling = within(table).getAllByTestId('bottleneck-row')[0];
    expect(within(sampling).getByTestId('p95').textContent).toBe('1234');
    expect(within(sampling).getByTestId('p99').textContent).toBe('1500');
    const ts = f.calls.filter((c) => c.url.pathname === '/v1/analytics/timeseries');
    expect(ts.map((c) => c.url.searchParams.get('bucket'))).toContain('day');
    expect(ts.some((c) => c.url.searchParams.getAll('tag').includes('project:alpha'))).toBe(true);
    const from = Date.parse(ts[0].url.searchParams.get('from')!);
    const to = Date.parse(ts[0].url.searchParams.get('to')!);
    expect(to - from).toBe(30 * 86_400_000);
  });

  it('asks the frame analytics for clip similarity, frame failure rate and GPU utilization over the dashboard range, without tags', async () => {
    const f = answer();
    vi.stubGlobal('fetch', f.fn);
    render(<DashboardsView />);
    await screen.findByTestId('quality');
    const frames = f.calls.filter((c) => c.url.pathname === '/v1/analytics/frames/timeseries');
    expect(frames.map((c) => c.url.searchParams.get('metric')).sort()).toEqual([
      'clip_similarity',
      'frame_failure_rate',
      'gpu_utilization_pct',
    ]);
    const bottlenecks = f.calls.find((c) => c.url.pathname === '/v1/analytics/bottlenecks')!.url.searchParams;
    for (const c of frames) {
      expect(c.url.searchParams.get('bucket')).toBe('day');
      expect(c.url.searchParams.get('from')).toBe(bottlenecks.get('from'));
      expect(c.url.searchParams.get('to')).toBe(bottlenecks.get('to'));
      expect(c.url.searchParams.has('tag')).toBe(false);
    }
    // The quality trend is the server's series now: no trace is read for it.
    expect(f.calls.filter((c) => c.url.pathname.startsWith('/v1/traces/'))).toEqual([]);
  });

  it('quality trend shows the latest bucket’s avg, p95 and p99 of the server’s series', async () => {
    vi.stubGlobal('fetch', answer().fn);
    render(<DashboardsView />);
    const panel = await screen.findByTestId('quality');
    expect(latest(panel, 'avg').textContent).toBe('0.312');
    expect(latest(panel, 'avg').dataset.value).toBe('0.31234');
    expect(latest(panel, 'p95').dataset.value).toBe('0.351');
    expect(latest(panel, 'p99').dataset.value).toBe('0.3587');
    expect(latest(panel, 'count').textContent).toBe('480');
    expect(within(panel).getByTestId('latest').dataset.buckets).toBe('2');
    expect(within(panel).getByTestId('latest').dataset.start).toBe('2026-01-02T00:00:00.000Z');
  });

  it('frame failure rate and GPU utilization p95 panels show the server’s latest bucket', async () => {
    vi.stubGlobal('fetch', answer().fn);
    render(<DashboardsView />);
    const failures = await screen.findByTestId('series-frame_failure_rate');
    expect(latest(failures, 'value').textContent).toBe('1.25 %');
    expect(latest(failures, 'value').dataset.value).toBe('0.0125');
    expect(latest(failures, 'count').textContent).toBe('400');
    const gpu = screen.getByTestId('gpu');
    expect(latest(gpu, 'p95').textContent).toBe('97.5 %');
    expect(within(gpu).queryByTestId('latest-avg')).toBeNull();
    expect(latest(gpu, 'count').textContent).toBe('36');
  });

  it('a range without frame events says so in each frame panel', async () => {
    vi.stubGlobal(
      'fetch',
      answer((m) => (m === 'frame_failure_rate' ? frameCounts('frame_failure_rate', []) : frameDistribution(m as 'clip_similarity', []))).fn,
    );
    render(<DashboardsView />);
    for (const id of ['quality', 'series-frame_failure_rate', 'gpu']) {
      expect((await screen.findByTestId(id)).textContent).toContain('no data in this range');
    }
  });

  it('a failing frame analytics request shows its error in its panel and leaves the others', async () => {
    vi.stubGlobal(
      'fetch',
      answer((m) =>
        m === 'clip_similarity'
          ? new Response(JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'frame store down', request_id: 'r1' } }), { status: 503 })
          : { clip_similarity: CLIP, frame_failure_rate: FAILURES, gpu_utilization_pct: GPU }[m],
      ).fn,
    );
    render(<DashboardsView />);
    const quality = await screen.findByTestId('quality');
    expect(within(quality).getByTestId('error').textContent).toContain('UNAVAILABLE');
    expect(within(quality).getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(latest(screen.getByTestId('gpu'), 'p95').dataset.value).toBe('97.5');
    expect(screen.getByTestId('bottleneck-table')).toBeTruthy();
  });

  it('range bounds end on the next minute', () => {
    const b = rangeBounds('24h', Date.parse('2026-01-01T10:00:30.000Z'));
    expect(b).toEqual({ from: '2025-12-31T10:01:00.000Z', to: '2026-01-01T10:01:00.000Z' });
  });
});
