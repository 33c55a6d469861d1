import { useMemo, useState, type ReactNode } from 'react';
import uPlot from 'uplot';
import { api } from '../api/client';
import type { Bottlenecks, FrameCountSeries, FrameDistributionSeries, Timeseries, TimeseriesMetric } from '../api/types';
import { ErrorBox, Loading, Panel } from '../components/common';
import { UPlotChart } from '../components/UPlotChart';
import { formatDuration, formatNumber } from '../lib/format';
import { navigate, useLocation } from '../lib/router';
import { useAsync } from '../lib/useAsync';

export const RANGES: Record<string, { label: string; ms: number; bucket: 'hour' | 'day' }> = {
  '24h': { label: 'last 24 hours', ms: 24 * 3600_000, bucket: 'hour' },
  '7d': { label: 'last 7 days', ms: 7 * 86_400_000, bucket: 'day' },
  '30d': { label: 'last 30 days', ms: 30 * 86_400_000, bucket: 'day' },
  '90d': { label: 'last 90 days', ms: 90 * 86_400_000, bucket: 'day' },
};

/** [from, to) of a named range, `to` rounded up to the next minute so reloads agree. */
export function rangeBounds(range: string, now = Date.now()): { from: string; to: string } {
  const r = RANGES[range] ?? RANGES['7d'];
  const to = Math.ceil((now + 1) / 60_000) * 60_000;
  return { from: new Date(to - r.ms).toISOString(), to: new Date(to).toISOString() };
}

/** A request whose failure shows in its own panel instead of failing the whole dashboard. */
type Settled<T> = { ok: true; value: T } | { ok: false; error: Error };

function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: Error) => ({ ok: false as const, error }),
  );
}

interface DashData {
  series: Record<TimeseriesMetric, Timeseries>;
  bottlenecks: Bottlenecks;
  projects: { project: string; units: number; traces: number }[];
  /** Frame analytics (spec 05 §6.4), read from the frame-event store; its own failures stay in its panels. */
  quality: Settled<FrameDistributionSeries>;
  frameFailures: Settled<FrameCountSeries>;
  gpu: Settled<FrameDistributionSeries>;
}

async function loadDashboard(range: string, signal: AbortSignal): Promise<DashData> {
  const bucket = (RANGES[range] ?? RANGES['7d']).bucket;
  const bounds = rangeBounds(range);
  const metrics: TimeseriesMetric[] = ['throughput', 'failure_rate', 'p95_latency', 'compute_units'];
  const [series, bottlenecks, traces, quality, frameFailures, gpu] = await Promise.all([
    Promise.all(metrics.map((m) => api.timeseries(m, bucket, bounds, signal))),
    api.bottlenecks(bounds, signal),
    api.listTraces({ ...bounds, limit: 200 }, signal),
    settle(api.frameSeries('clip_similarity', bucket, bounds, signal)),
    settle(api.frameSeries('frame_failure_rate', bucket, bounds, signal)),
    settle(api.frameSeries('gpu_utilization_pct', bucket, bounds, signal)),
  ]);
  // Compute units by project tag: the timeseries endpoint, once per project seen in the range.
  const projects = [...new Set(traces.data.map((t) => t.tags?.project).filter((p): p is string => !!p))].slice(0, 12);
  const perProject = await Promise.all(
    projects.map(async (project) => {
      const s = await api.timeseries('compute_units', bucket, { ...bounds, tags: [`project:${project}`] }, signal);
      return {
        project,
        units: s.data.reduce((a, d) => a + d.value, 0),
        traces: s.data.reduce((a, d) => a + d.count, 0),
      };
    }),
  );
  const byMetric = Object.fromEntries(metrics.map((m, i) => [m, series[i]])) as Record<TimeseriesMetric, Timeseries>;
  return {
    series: byMetric,
    bottlenecks,
    projects: perProject.sort((a, b) => b.units - a.units),
    quality,
    frameFailures,
    gpu,
  };
}

export function DashboardsView() {
  const loc = useLocation();
  const range = RANGES[loc.search.get('range') ?? ''] ? loc.search.get('range')! : '7d';
  const [retry, setRetry] = useState(0);
  const s = useAsync((signal) => loadDashboard(range, signal), [range, retry]);
  return (
    <div className="view">
      <header className="view-head">
        <h1>Dashboards</h1>
        <label>
          time range{' '}
          <select
            data-testid="range"
            value={range}
            onChange={(e) => navigate(`/dashboards?range=${e.target.value}`)}
          >
            {Object.entries(RANGES).map(([k, r]) => (
              <option key={k} value={k}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
      </header>
      {s.state === 'loading' && <Loading what="analytics" />}
      {s.state === 'error' && <ErrorBox error={s.error} retry={() => setRetry((r) => r + 1)} />}
      {s.state === 'done' && <Dashboard data={s.value} retry={() => setRetry((r) => r + 1)} />}
    </div>
  );
}

function Dashboard({ data, retry }: { data: DashData; retry: () => void }) {
  const total = data.series.throughput.data.reduce((a, d) => a + d.value, 0);
  const frames = [data.quality, data.frameFailures, data.gpu].some((f) => f.ok && f.value.data.length > 0);
  if (total === 0 && data.bottlenecks.data.length === 0 && !frames) {
    return (
      <div className="state empty" data-testid="empty">
        No traces in this time range. Pick a longer range, or send a batch (see the Traces page).
      </div>
    );
  }
  const pct = (v: number) => `${formatNumber(v * 100, 2)} %`;
  return (
    <div className="dash-grid">
      <SeriesPanel title="Throughput (traces per bucket)" s={data.series.throughput} fmt={(v) => formatNumber(v, 0)} bars />
      <SeriesPanel title="Failure rate" s={data.series.failure_rate} fmt={(v) => `${formatNumber(v * 100, 1)} %`} />
      <SeriesPanel title="p95 latency" s={data.series.p95_latency} fmt={(v) => formatDuration(v)} />
      <Panel title="Compute units by project tag" testId="projects">
        {data.projects.length === 0 && <p className="muted">No trace in this range has a project tag.</p>}
        {data.projects.map((p) => (
          <div key={p.project} className="hbar">
            <span className="hbar-label">{p.project}</span>
            <span className="hbar-track">
              <span className="hbar-fill" style={{ width: `${(p.units / Math.max(data.projects[0].units, 1e-9)) * 100}%` }} />
            </span>
            <span className="num small">{formatNumber(p.units)}</span>
          </div>
        ))}
      </Panel>
      <Settle title="Frame failure rate" testId="series-frame_failure_rate" s={data.frameFailures} retry={retry}>
        {(v) => <SeriesPanel title="Frame failure rate" s={v} fmt={pct} counted="generated and failed frames" />}
      </Settle>
      <Settle title="GPU utilization p95" testId="gpu" s={data.gpu} retry={retry}>
        {(v) => (
          <DistributionPanel
            title="GPU utilization p95"
            testId="gpu"
            s={v}
            stats={['p95']}
            fmt={(x) => `${formatNumber(x, 1)} %`}
            yMax={100}
            counted="GPU readings"
          />
        )}
      </Settle>
      <Settle title="Quality trend (CLIP similarity)" testId="quality" s={data.quality} retry={retry}>
        {(v) => (
          <DistributionPanel
            title="Quality trend (CLIP similarity)"
            testId="quality"
            s={v}
            stats={['avg', 'p95', 'p99']}
            fmt={(x) => formatNumber(x, 3)}
            counted="frame events with a CLIP score"
          />
        )}
      </Settle>
      <BottlenecksPanel b={data.bottlenecks} />
    </div>
  );
}

/** A panel of frame analytics, or its error in the panel's place. */
function Settle<T>(props: {
  title: string;
  testId: string;
  s: Settled<T>;
  retry: () => void;
  children: (v: T) => ReactNode;
}) {
  const { title, testId, s, retry, children } = props;
  if (s.ok) return <>{children(s.value)}</>;
  return (
    <Panel title={title} testId={testId}>
      <ErrorBox error={s.error} retry={retry} />
    </Panel>
  );
}

/** Buckets with one value and the count behind it: the trace time series and the counting frame metrics. */
interface CountingSeries {
  metric: string;
  from: string;
  to: string;
  data: { start: string; value: number; count: number }[];
}

function SeriesPanel(props: { title: string; s: CountingSeries; fmt: (v: number) => string; bars?: boolean; counted?: string }) {
  const { title, s, fmt, bars, counted = 'traces' } = props;
  const data = useMemo(
    () => [s.data.map((d) => Date.parse(d.start) / 1000), s.data.map((d) => d.value)] as uPlot.AlignedData,
    [s],
  );
  const opts = useMemo<Omit<uPlot.Options, 'width'>>(
    () => ({
      height: 160,
      legend: { show: false },
      // The whole requested range on x, zero on y: one bucket must not look like a trend.
      scales: {
        x: { time: true, range: [Date.parse(s.from) / 1000, Date.parse(s.to) / 1000] as uPlot.Range.MinMax },
        y: { range: (_u: uPlot, _min: number, max: number) => [0, max > 0 ? max * 1.15 : 1] as uPlot.Range.MinMax },
      },
      axes: [{}, { size: 64, values: (_u: uPlot, vs: number[]) => vs.map((v) => fmt(v)) }],
      series: [
        {},
        {
          stroke: '#4f7cff',
          fill: bars ? 'rgba(79,124,255,0.35)' : 'rgba(79,124,255,0.08)',
          width: 2,
          points: { show: true, size: 5 },
          ...(bars ? { paths: barsPath() } : {}),
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [s],
  );
  const last = s.data[s.data.length - 1];
  return (
    <Panel title={title} testId={`series-${s.metric}`}>
      {s.data.length === 0 ? (
        <p className="muted">no data in this range</p>
      ) : (
        <>
          <p className="muted small" data-testid="latest" data-start={last.start} data-buckets={s.data.length}>
            latest bucket:{' '}
            <span data-testid="latest-value" data-value={last.value}>
              {fmt(last.value)}
            </span>{' '}
            over <span data-testid="latest-count">{last.count}</span> {counted}
          </p>
          <UPlotChart opts={opts} data={data} />
        </>
      )}
    </Panel>
  );
}

function barsPath(): uPlot.Series.PathBuilder | undefined {
  return uPlot.paths.bars?.({ size: [0.6, 40] });
}

type Stat = 'avg' | 'p95' | 'p99';
const STAT_COLORS: Record<Stat, string> = { avg: '#a855f7', p95: '#4f7cff', p99: '#f59e0b' };

/** A distribution frame metric per bucket: the chosen statistics as lines, the latest bucket as numbers. */
function DistributionPanel(props: {
  title: string;
  testId: string;
  s: FrameDistributionSeries;
  stats: Stat[];
  fmt: (v: number) => string;
  counted: string;
  /** A fixed top of the y axis (100 for a percentage); otherwise the data's own range. */
  yMax?: number;
}) {
  const { title, testId, s, stats, fmt, counted, yMax } = props;
  const data = useMemo(
    () => [s.data.map((d) => Date.parse(d.start) / 1000), ...stats.map((k) => s.data.map((d) => d[k]))] as uPlot.AlignedData,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [s],
  );
  const opts = useMemo<Omit<uPlot.Options, 'width'>>(
    () => ({
      height: 160,
      legend: { show: false },
      scales: {
        x: { time: true, range: [Date.parse(s.from) / 1000, Date.parse(s.to) / 1000] as uPlot.Range.MinMax },
        ...(yMax !== undefined ? { y: { range: [0, yMax] as uPlot.Range.MinMax } } : {}),
      },
      axes: [{}, { size: 64, values: (_u: uPlot, vs: number[]) => vs.map((v) => fmt(v)) }],
      series: [{}, ...stats.map((k) => ({ label: k, stroke: STAT_COLORS[k], width: 2, points: { show: true, size: 5 } }))],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [s],
  );
  const last = s.data[s.data.length - 1];
  return (
    <Panel title={title} testId={testId}>
      {s.data.length === 0 ? (
        <p className="muted">no data in this range</p>
      ) : (
        <>
          <p className="muted small" data-testid="latest" data-start={last.start} data-buckets={s.data.length}>
            latest bucket:{' '}
            {stats.map((k) => (
              <span key={k} className="stat">
                <span className="swatch" style={{ background: STAT_COLORS[k] }} aria-hidden /> {k}{' '}
                <span className="num" data-testid={`latest-${k}`} data-value={last[k]}>
                  {fmt(last[k])}
                </span>
              </span>
            ))}{' '}
            over <span data-testid="latest-count">{last.count}</span> {counted}
          </p>
          <UPlotChart opts={opts} data={data} />
        </>
      )}
    </Panel>
  );
}

function BottlenecksPanel({ b }: { b: Bottlenecks }) {
  const max = Math.max(...b.data.map((d) => d.p99_ms), 1);
  return (
    <Panel title="Bottlenecks per span kind" testId="bottlenecks">
      <table className="grid" data-testid="bottleneck-table">
        <thead>
          <tr>
            <th>span kind</th>
            <th className="num">count</th>
            <th className="num">avg</th>
            <th className="num">p95 ms</th>
            <th className="num">p99 ms</th>
            <th>p95 / p99</th>
          </tr>
        </thead>
        <tbody>
          {b.data.map((d) => (
            <tr key={d.span_kind} data-testid="bottleneck-row" data-kind={d.span_kind}>
              <td>{d.span_kind}</td>
              <td className="num">{d.count}</td>
              <td className="num">{formatDuration(d.avg_ms)}</td>
              <td className="num" data-testid="p95">
                {d.p95_ms}
              </td>
              <td className="num" data-testid="p99">
                {d.p99_ms}
              </td>
              <td className="bars2">
                <span className="bar p95" style={{ width: `${(d.p95_ms / max) * 100}%` }} />
                <span className="bar p99" style={{ width: `${(d.p99_ms / max) * 100}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
