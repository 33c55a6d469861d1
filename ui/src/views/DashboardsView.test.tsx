import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setApiKey } from '../api/session';
import { fakeFetch, trace } from '../test/fixtures';
import { DashboardsView, rangeBounds } from './DashboardsView';

vi.mock('../components/UPlotChart', () => ({ UPlotChart: () => null }));

describe('DashboardsView', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the bottlenecks exactly as the API reports them, for the range in the URL', async () => {
    setApiKey('ovpo_abcdefgh_' + 'C'.repeat(40));
    window.history.replaceState(null, '', '/dashboards?range=30d');
    const f = fakeFetch((u) => {
      if (u.pathname === '/v1/analytics/bottlenecks')
        return {
          from: '',
          to: '',
          data: [
            { span_kind: 'SAMPLING', count: 12, avg_ms: 900.5, p95_ms: 1234, p99_ms: 1500 },
            { span_kind: 'DECODE', count: 12, avg_ms: 100, p95_ms: 210, p99_ms: 250 },
          ],
        };
      if (u.pathname === '/v1/analytics/timeseries')
        return {
          metric: u.searchParams.get('metric'),
          bucket: 'day',
          from: '',
          to: '',
          data: [{ start: '2026-01-01T00:00:00.000Z', value: 3, count: 3 }],
        };
      if (u.pathname === '/v1/traces') return { data: [trace(1)], has_more: false, next_cursor: null };
      return { trace: trace(1), spans: [], frame_events: [], artifacts: [], summary: {}, events_has_more: false, events_next_cursor: null };
    });
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

  it('range bounds end on the next minute', () => {
    const b = rangeBounds('24h', Date.parse('2026-01-01T10:00:30.000Z'));
    expect(b).toEqual({ from: '2025-12-31T10:01:00.000Z', to: '2026-01-01T10:01:00.000Z' });
  });
});
