import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApiKey } from '../api/session';
import { fakeFetch, trace } from '../test/fixtures';
import { appendUnique, filterFromSearch, searchFromFilter, TraceListView } from './TraceListView';

vi.mock('../components/UPlotChart', () => ({ UPlotChart: () => null }));

const KEY = 'ovpo_abcdefgh_' + 'A'.repeat(40);

describe('TraceListView', () => {
  beforeEach(() => setApiKey(KEY));
  afterEach(() => vi.unstubAllGlobals());

  it('reads filters from the URL and sends them, with the key only in the header', async () => {
    window.history.replaceState(null, '', '/traces?status=FAILED,PARTIAL&tag=project:alpha&limit=2');
    const f = fakeFetch((u) =>
      u.pathname === '/v1/traces'
        ? { data: [trace(1, { status: 'FAILED' })], has_more: false, next_cursor: null }
        : { data: [], pricing_profile: null, total_compute_units: 0, total_by_span_kind: {}, not_found: [] },
    );
    vi.stubGlobal('fetch', f.fn);
    render(<TraceListView />);
    await screen.findByTestId('trace-table');
    const list = f.calls.find((c) => c.url.pathname === '/v1/traces')!;
    expect(list.url.searchParams.get('status')).toBe('FAILED,PARTIAL');
    expect(list.url.searchParams.getAll('tag')).toEqual(['project:alpha']);
    expect(list.url.searchParams.get('limit')).toBe('2');
    expect(list.url.toString()).not.toContain(KEY);
    expect(new Headers(list.init?.headers).get('Authorization')).toBe(`Bearer ${KEY}`);
  });

  it('ticking a status puts it in the URL', async () => {
    window.history.replaceState(null, '', '/traces');
    vi.stubGlobal('fetch', fakeFetch(() => ({ data: [trace(1)], has_more: false, next_cursor: null })).fn);
    render(<TraceListView />);
    await screen.findByTestId('trace-table');
    fireEvent.click(screen.getByTestId('status-FAILED'));
    expect(window.location.search).toBe('?status=FAILED');
  });

  it('load more appends the next page by cursor without duplicates', async () => {
    window.history.replaceState(null, '', '/traces?limit=2');
    const f = fakeFetch((u) => {
      if (u.pathname !== '/v1/traces') return { data: [], total_compute_units: 0, total_by_span_kind: {}, not_found: [], pricing_profile: null };
      return u.searchParams.get('cursor') === 'c1'
        ? { data: [trace(2), trace(3)], has_more: false, next_cursor: null }
        : { data: [trace(1), trace(2)], has_more: true, next_cursor: 'c1' };
    });
    vi.stubGlobal('fetch', f.fn);
    render(<TraceListView />);
    await screen.findByTestId('load-more');
    expect(screen.getAllByTestId('trace-row')).toHaveLength(2);
    fireEvent.click(screen.getByTestId('load-more'));
    await waitFor(() => expect(screen.getAllByTestId('trace-row')).toHaveLength(3));
    expect(f.calls.some((c) => c.url.searchParams.has('offset'))).toBe(false);
    expect(screen.queryByTestId('load-more')).toBeNull();
  });

  it('tells a newcomer how to send a first batch when there is no trace', async () => {
    window.history.replaceState(null, '', '/traces');
    vi.stubGlobal('fetch', fakeFetch(() => ({ data: [], has_more: false, next_cursor: null })).fn);
    render(<TraceListView />);
    const empty = await screen.findByTestId('empty');
    expect(empty.textContent).toContain('/v1/ingest/batch');
    expect(empty.textContent).toContain('X-OVPO-Schema-Version: 0.08');
  });

  it('shows the API error with its code', async () => {
    window.history.replaceState(null, '', '/traces');
    vi.stubGlobal(
      'fetch',
      fakeFetch(
        () =>
          new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'bad key', request_id: 'r1' } }), {
            status: 401,
          }),
      ).fn,
    );
    render(<TraceListView />);
    const err = await screen.findByTestId('error');
    expect(err.textContent).toContain('UNAUTHENTICATED');
    expect(err.textContent).toContain('Enter another API key');
  });
});

describe('filter URL round trip', () => {
  it('keeps status, range, tags and page size', () => {
    const f = filterFromSearch(new URLSearchParams('status=FAILED&from=2026-01-01T00:00:00.000Z&tag=a:b&tag=c:d&limit=5'));
    expect(f).toEqual({ status: ['FAILED'], from: '2026-01-01T00:00:00.000Z', to: undefined, tags: ['a:b', 'c:d'], limit: 5 });
    expect(searchFromFilter(f)).toBe('?status=FAILED&from=2026-01-01T00%3A00%3A00.000Z&tag=a%3Ab&tag=c%3Ad&limit=5');
  });

  it('appendUnique keeps the first copy of each trace', () => {
    expect(appendUnique([trace(1), trace(2)], [trace(2), trace(3)]).map((t) => t.trace_id)).toEqual([
      trace(1).trace_id,
      trace(2).trace_id,
      trace(3).trace_id,
    ]);
  });
});
