import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type uPlot from 'uplot';
import { api, type TraceFilter } from '../api/client';
import { TRACE_STATUSES, type TraceView } from '../api/types';
import { ErrorBox, Loading, StatusBadge } from '../components/common';
import { UPlotChart } from '../components/UPlotChart';
import { formatDuration, formatNumber, formatTime, isoToLocalInput, localInputToIso, shortId } from '../lib/format';
import { Link, navigate, useLocation } from '../lib/router';

const DEFAULT_LIMIT = 50;

/** The list's filters, read from the URL (the URL is the state, so every list is a link). */
export function filterFromSearch(q: URLSearchParams): TraceFilter {
  const status = (q.get('status') ?? '').split(',').filter(Boolean);
  const limit = Number(q.get('limit'));
  return {
    status,
    from: q.get('from') ?? undefined,
    to: q.get('to') ?? undefined,
    tags: q.getAll('tag').filter(Boolean),
    limit: Number.isInteger(limit) && limit >= 1 && limit <= 200 ? limit : DEFAULT_LIMIT,
  };
}

export function searchFromFilter(f: TraceFilter): string {
  const q = new URLSearchParams();
  if (f.status?.length) q.set('status', f.status.join(','));
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  for (const t of f.tags ?? []) q.append('tag', t);
  if (f.limit && f.limit !== DEFAULT_LIMIT) q.set('limit', String(f.limit));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Appends a page, keeping the first copy of any trace already shown. */
export function appendUnique(rows: TraceView[], page: TraceView[]): TraceView[] {
  const seen = new Set(rows.map((r) => r.trace_id));
  return rows.concat(page.filter((r) => !seen.has(r.trace_id) && seen.add(r.trace_id)));
}

type ListState =
  | { state: 'loading' }
  | { state: 'error'; error: Error }
  | { state: 'done'; rows: TraceView[]; cursor: string | null; more: boolean };

export function TraceListView() {
  const loc = useLocation();
  const filter = useMemo(() => filterFromSearch(loc.search), [loc.search]);
  const [list, setList] = useState<ListState>({ state: 'loading' });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<Error | null>(null);
  const [units, setUnits] = useState<Map<string, number>>(new Map());
  const [picked, setPicked] = useState<string[]>([]);
  const [retry, setRetry] = useState(0);
  const key = JSON.stringify(filter);

  const addUnits = (ids: string[]) => {
    for (let i = 0; i < ids.length; i += 100) {
      api.costs(ids.slice(i, i + 100)).then(
        (c) =>
          setUnits((m) => {
            const next = new Map(m);
            c.data.forEach((d) => next.set(d.trace_id, d.compute_units));
            return next;
          }),
        () => undefined, // compute units are a nicety: a viewer without metric:read still sees the list
      );
    }
  };

  useEffect(() => {
    const ctl = new AbortController();
    setList({ state: 'loading' });
    setMoreError(null);
    api.listTraces(filter, ctl.signal).then(
      (page) => {
        setList({ state: 'done', rows: page.data, cursor: page.next_cursor, more: page.has_more });
        addUnits(page.data.map((t) => t.trace_id));
      },
      (error: Error) => !ctl.signal.aborted && setList({ state: 'error', error }),
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, retry]);

  const loadMore = async () => {
    if (list.state !== 'done' || !list.cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.listTraces({ ...filter, cursor: list.cursor });
      setList({ state: 'done', rows: appendUnique(list.rows, page.data), cursor: page.next_cursor, more: page.has_more });
      addUnits(page.data.map((t) => t.trace_id));
    } catch (e) {
      setMoreError(e as Error);
    } finally {
      setLoadingMore(false);
    }
  };

  const apply = (f: TraceFilter) => navigate(`/traces${searchFromFilter(f)}`);
  const togglePick = (id: string) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));

  return (
    <div className="view">
      <header className="view-head">
        <h1>Traces</h1>
        <button
          type="button"
          data-testid="compare-picked"
          disabled={picked.length !== 2}
          onClick={() => navigate(`/compare?a=${picked[0]}&b=${picked[1]}`)}
          title="Tick two traces to compare them"
        >
          Compare {picked.length}/2
        </button>
      </header>
      <Filters filter={filter} onApply={apply} />
      {list.state === 'loading' && <Loading what="traces" />}
      {list.state === 'error' && <ErrorBox error={list.error} retry={() => setRetry((r) => r + 1)} />}
      {list.state === 'done' && list.rows.length === 0 && <Empty filtered={!!searchFromFilter({ ...filter, limit: DEFAULT_LIMIT })} />}
      {list.state === 'done' && list.rows.length > 0 && (
        <>
          <DurationScatter rows={list.rows} />
          <table className="grid" data-testid="trace-table">
            <thead>
              <tr>
                <th aria-label="pick" />
                <th>trace_id</th>
                <th>status</th>
                <th>created_at</th>
                <th className="num">duration</th>
                <th>model</th>
                <th className="num">frames</th>
                <th className="num">compute units</th>
                <th>tags</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((t) => (
                <tr key={t.trace_id} data-testid="trace-row" data-trace-id={t.trace_id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`pick ${t.trace_id} for compare`}
                      checked={picked.includes(t.trace_id)}
                      onChange={() => togglePick(t.trace_id)}
                    />
                  </td>
                  <td className="mono">
                    <Link to={`/traces/${t.trace_id}`} title={t.trace_id}>
                      {shortId(t.trace_id)}
                    </Link>
                  </td>
                  <td>
                    <StatusBadge status={t.status} />
                  </td>
                  <td className="mono small">{formatTime(t.created_at)}</td>
                  <td className="num">{formatDuration(t.duration_ms)}</td>
                  <td>{t.pipeline_config?.model_name ?? t.pipeline_config_ref ?? '—'}</td>
                  <td className="num">{t.pipeline_config?.num_frames ?? t.expected_frames ?? '—'}</td>
                  <td className="num">{formatNumber(units.get(t.trace_id))}</td>
                  <td className="small">
                    {Object.entries(t.tags ?? {})
                      .map(([k, v]) => `${k}:${v}`)
                      .join(' ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="list-foot">
            <span className="muted" data-testid="row-count">
              {list.rows.length} traces{list.more ? '' : ' (all)'}
            </span>
            {list.more && (
              <button type="button" data-testid="load-more" onClick={loadMore} disabled={loadingMore}>
                {loadingMore ? 'Loading…' : 'Load more'}
              </button>
            )}
            {moreError && <ErrorBox error={moreError} retry={loadMore} />}
          </div>
        </>
      )}
    </div>
  );
}

function Filters({ filter, onApply }: { filter: TraceFilter; onApply: (f: TraceFilter) => void }) {
  const [from, setFrom] = useState(isoToLocalInput(filter.from));
  const [to, setTo] = useState(isoToLocalInput(filter.to));
  const [tags, setTags] = useState((filter.tags ?? []).join(' '));
  useEffect(() => {
    setFrom(isoToLocalInput(filter.from));
    setTo(isoToLocalInput(filter.to));
    setTags((filter.tags ?? []).join(' '));
  }, [filter.from, filter.to, filter.tags]);
  const status = filter.status ?? [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({
      ...filter,
      from: localInputToIso(from),
      to: localInputToIso(to),
      tags: tags.split(/[\s,]+/).filter((t) => t.includes(':')),
    });
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Filters">
      <fieldset>
        <legend>status</legend>
        {TRACE_STATUSES.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              data-testid={`status-${s}`}
              checked={status.includes(s)}
              onChange={() =>
                onApply({ ...filter, status: status.includes(s) ? status.filter((x) => x !== s) : [...status, s] })
              }
            />
            {s}
          </label>
        ))}
      </fieldset>
      <label>
        from <input type="datetime-local" data-testid="filter-from" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        to <input type="datetime-local" data-testid="filter-to" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <label>
        tags{' '}
        <input
          type="text"
          placeholder="project:alpha env:prod"
          data-testid="filter-tags"
          value={tags}
          onChange={(e) => setTags(e.target.value)}
        />
      </label>
      <button type="submit" data-testid="filter-apply">
        Apply
      </button>
      <button type="button" onClick={() => onApply({ limit: filter.limit })}>
        Clear
      </button>
    </form>
  );
}

const STATUS_COLORS: Record<string, string> = {
  COMPLETED: '#10b981',
  FAILED: '#e5484d',
  PARTIAL: '#f59e0b',
  RUNNING: '#4f7cff',
  PENDING: '#94a3b8',
  CANCELLED: '#64748b',
};

/** Duration over created_at, one point series per status. */
function DurationScatter({ rows }: { rows: TraceView[] }) {
  const data = useMemo(() => {
    const pts = rows
      .filter((r) => r.duration_ms !== null)
      .map((r) => ({ x: Date.parse(r.created_at) / 1000, y: r.duration_ms! / 1000, s: r.status }))
      .sort((a, b) => a.x - b.x);
    const xs = pts.map((p) => p.x);
    const cols = TRACE_STATUSES.map((st) => pts.map((p) => (p.s === st ? p.y : null)));
    return [xs, ...cols] as unknown as uPlot.AlignedData;
  }, [rows]);
  const opts = useMemo<Omit<uPlot.Options, 'width'>>(
    () => ({
      height: 150,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      axes: [{}, { label: 'duration (s)', size: 56 }],
      series: [
        {},
        ...TRACE_STATUSES.map((st) => ({
          label: st,
          stroke: STATUS_COLORS[st],
          fill: STATUS_COLORS[st],
          paths: () => null,
          points: { show: true, size: 6, fill: STATUS_COLORS[st] },
        })),
      ],
    }),
    [],
  );
  const empty = useRef((data[0] as number[]).length === 0);
  empty.current = (data[0] as number[]).length === 0;
  if (empty.current) return null;
  return (
    <div className="panel">
      <h2>Duration over time</h2>
      <UPlotChart opts={opts} data={data} testId="duration-scatter" />
    </div>
  );
}

function Empty({ filtered }: { filtered: boolean }) {
  if (filtered) {
    return (
      <div className="state empty" data-testid="empty">
        No trace matches these filters. Widen the time range or clear the filters.
      </div>
    );
  }
  const origin = window.location.origin;
  const now = new Date().toISOString();
  return (
    <div className="state empty" data-testid="empty">
      <h2>No traces yet</h2>
      <p>Send a first batch with a developer (or admin) key, then reload:</p>
      <pre className="code">{`curl -sS -X POST ${origin}/v1/ingest/batch \\
  -H "Authorization: Bearer $OVPO_API_KEY" \\
  -H "Content-Type: application/json" -H "X-OVPO-Schema-Version: 0.08" \\
  -d '{"items":[{"item_type":"trace","data":{"trace_id":"${crypto.randomUUID?.() ?? '3f2b8c1e-9a4d-4e2f-8b7a-1c2d3e4f5a6b'}",
       "status":"RUNNING","created_at":"${now}","started_at":"${now}",
       "pipeline_config":{"model_name":"my-video-model","width":1280,"height":720,"fps":24,
         "num_frames":48,"hardware":{"gpu_type":"H100","gpu_count":1}}}}]}'`}</pre>
      <p>
        Or instrument a pipeline with the Python SDK (<code>sdk/python</code>), or start the server with{' '}
        <code>OVPO_DEMO=true</code> for six demo jobs.
      </p>
    </div>
  );
}
