import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/client';
import type { ArtifactRef, SpanView, TraceDetail } from '../api/types';
import { ArtifactPreview } from '../components/ArtifactPreview';
import { ErrorBox, Loading, Panel, StatusBadge, Tags } from '../components/common';
import { FrameScrubber } from '../components/FrameScrubber';
import { Waterfall } from '../components/Waterfall';
import { formatBytes, formatDuration, formatNumber, formatTime } from '../lib/format';
import { Link, navigate, useLocation } from '../lib/router';
import { buildTree, markersBySpan, type SpanTree } from '../lib/tree';
import { useAsync } from '../lib/useAsync';

export function TraceDetailView({ traceId }: { traceId: string }) {
  const [retry, setRetry] = useState(0);
  const s = useAsync((signal) => api.trace(traceId, signal), [traceId, retry]);
  if (s.state === 'loading') return <Loading what="trace" />;
  if (s.state === 'error') return <ErrorBox error={s.error} retry={() => setRetry((r) => r + 1)} />;
  return <TraceDetailBody detail={s.value} />;
}

function TraceDetailBody({ detail }: { detail: TraceDetail }) {
  const loc = useLocation();
  const t = detail.trace;
  const tree = useMemo(
    () => buildTree(detail.spans, t.started_at ?? undefined, t.ended_at ?? undefined),
    [detail.spans, t.started_at, t.ended_at],
  );
  const known = useMemo(() => new Set(detail.artifacts.map((a) => a.artifact_id)), [detail.artifacts]);
  const markers = useMemo(() => markersBySpan(tree, detail.frame_events), [tree, detail.frame_events]);
  // The waterfall paints first; the scrubber's charts and the artifacts follow a task later.
  const [rest, setRest] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setRest(true), 0);
    return () => clearTimeout(t);
  }, []);
  const selectedId = loc.search.get('span');
  const selected = selectedId ? (tree.byId.get(selectedId) ?? null) : null;

  const select = (i: number | null) => {
    const q = new URLSearchParams(loc.search);
    if (i === null) q.delete('span');
    else q.set('span', tree.spans[i].span_id);
    const qs = q.toString();
    navigate(`${loc.path}${qs ? `?${qs}` : ''}${loc.hash}`, { replace: true });
  };

  const download = () => {
    // Serialized on demand: pretty-printing megabytes on every load would delay the first paint.
    const url = URL.createObjectURL(new Blob([JSON.stringify(detail, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `trace-${t.trace_id}.json`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const pc = t.pipeline_config;
  return (
    <div className="view detail" data-testid="trace-detail">
      <header className="view-head">
        <div>
          <div className="crumbs">
            <Link to="/traces">Traces</Link> /
          </div>
          <h1 className="mono">
            {t.trace_id} <StatusBadge status={t.status} />
            {t.reported_status !== t.status && (
              <span className="muted small"> (client reported {t.reported_status})</span>
            )}
          </h1>
          <div className="facts">
            <span>created {formatTime(t.created_at)}</span>
            <span>duration {formatDuration(t.duration_ms)}</span>
            <span>
              {pc ? `${pc.model_name}${pc.model_version ? ` ${pc.model_version}` : ''}` : (t.pipeline_config_ref ?? '')}
            </span>
            {pc && (
              <span>
                {pc.width}×{pc.height} @ {pc.fps} fps, {pc.num_frames} frames
                {pc.hardware ? `, ${pc.hardware.gpu_count}× ${pc.hardware.gpu_type}` : ''}
              </span>
            )}
            {t.legal_hold && <span className="badge">legal hold</span>}
          </div>
        </div>
        <div className="actions">
          <Link to={`/compare?a=${t.trace_id}`} className="button">
            Compare…
          </Link>
          <button type="button" onClick={download} data-testid="download-json">
            Download JSON
          </button>
        </div>
      </header>

      <FailurePanel detail={detail} onSpan={(id) => select(tree.byId.get(id) ?? null)} />
      <SummaryPanel detail={detail} />

      <div className={`detail-main${selected !== null ? ' with-panel' : ''}`}>
        <Waterfall tree={tree} markers={markers} selected={selected} onSelect={select} />
        {selected !== null && (
          <SpanPanel tree={tree} node={selected} events={markers.get(selected)?.length ?? 0} onClose={() => select(null)} onSelect={select} />
        )}
      </div>

      {rest && <FrameScrubber traceId={t.trace_id} events={detail.frame_events} known={known} />}
      {rest && <Artifacts traceId={t.trace_id} artifacts={detail.artifacts} />}
    </div>
  );
}

function FailurePanel({ detail, onSpan }: { detail: TraceDetail; onSpan: (spanId: string) => void }) {
  const t = detail.trace;
  const c = detail.summary.completeness;
  if (t.status !== 'FAILED' && t.status !== 'PARTIAL' && c.reasons.length === 0) return null;
  return (
    <section className={`panel failure status-${t.status}`} data-testid="failure-panel">
      {t.failure && (
        <>
          <h2>
            Failed: {t.failure.code} {t.failure.retryable ? <span className="badge">retryable</span> : null}
          </h2>
          <p className="mono">{t.failure.message}</p>
          {t.failure.span_id && (
            <button type="button" onClick={() => onSpan(t.failure!.span_id!)}>
              Show the failing span
            </button>
          )}
        </>
      )}
      {c.reasons.length > 0 && (
        <>
          <h2>{t.status === 'PARTIAL' ? 'Partial' : 'Completeness'}: why</h2>
          <ul>
            {c.reasons.map((r, i) => (
              <li key={i}>
                <strong>{r.code}</strong> {r.message}
                {r.frame_index !== undefined && <span className="muted"> (frame {r.frame_index})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {c.missing_frames.length > 0 && (
        <p data-testid="missing-frames">
          Missing frames:{' '}
          {c.missing_frames.map((m) => (m.first === m.last ? `${m.first}` : `${m.first}–${m.last}`)).join(', ')}
        </p>
      )}
      {c.truncated && <p className="muted">The reason list was truncated.</p>}
    </section>
  );
}

function SummaryPanel({ detail }: { detail: TraceDetail }) {
  const s = detail.summary;
  const byKind = Object.entries(s.compute_units_by_span_kind ?? {}).sort((a, b) => b[1] - a[1]);
  const pct = Object.entries(s.span_breakdown_pct).sort((a, b) => b[1] - a[1]);
  return (
    <div className="summary-grid">
      <Panel title="Summary" testId="summary">
        <dl className="kv">
          <dt>total duration</dt>
          <dd>{formatDuration(s.total_duration_ms)}</dd>
          <dt>frames</dt>
          <dd>
            {s.frame_count} ({s.event_count} events{s.observed_fps ? `, ${formatNumber(s.observed_fps, 1)} fps observed` : ''})
          </dd>
          <dt>peak VRAM</dt>
          <dd>{s.peak_vram_mb === null ? '—' : `${formatNumber(s.peak_vram_mb, 0)} MB`}</dd>
          <dt>avg GPU utilization</dt>
          <dd>{s.avg_gpu_utilization_pct === null ? '—' : `${formatNumber(s.avg_gpu_utilization_pct, 1)} %`}</dd>
          <dt>tags</dt>
          <dd>
            <Tags tags={detail.trace.tags} />
          </dd>
          {s.frame_events_expired && (
            <>
              <dt>frame events</dt>
              <dd>expired by retention</dd>
            </>
          )}
        </dl>
      </Panel>
      <Panel title="Compute units" testId="compute-units">
        <p className="big">{formatNumber(s.compute_units)}</p>
        {s.pricing_profile && (
          <p className="muted small">
            profile {s.pricing_profile.name} v{s.pricing_profile.version}
          </p>
        )}
        <table className="grid compact">
          <tbody>
            {byKind.map(([k, v]) => (
              <tr key={k}>
                <td>{k}</td>
                <td className="num">{formatNumber(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      <Panel title="Time by span kind">
        {pct.map(([k, v]) => (
          <div key={k} className="hbar">
            <span className="hbar-label">{k}</span>
            <span className="hbar-track">
              <span className={`hbar-fill kind-${k}`} style={{ width: `${Math.min(v, 100)}%` }} />
            </span>
            <span className="num small">{formatNumber(v, 1)}%</span>
          </div>
        ))}
      </Panel>
    </div>
  );
}

function SpanPanel(props: {
  tree: SpanTree;
  node: number;
  events: number;
  onClose: () => void;
  onSelect: (i: number) => void;
}) {
  const { tree, node, events, onClose, onSelect } = props;
  const s: SpanView = tree.spans[node];
  const parent = tree.parent[node];
  return (
    <aside className="panel span-panel" data-testid="span-panel" data-span-id={s.span_id}>
      <div className="panel-head">
        <h2>{s.name}</h2>
        <button type="button" onClick={onClose} aria-label="Close span details">
          ×
        </button>
      </div>
      <dl className="kv">
        <dt>span_id</dt>
        <dd className="mono small">{s.span_id}</dd>
        <dt>kind</dt>
        <dd>{s.span_kind}</dd>
        <dt>status</dt>
        <dd>
          <StatusBadge status={s.status} />
        </dd>
        <dt>start</dt>
        <dd className="mono small">
          {formatTime(s.start_time)} (+{formatDuration(tree.start[node])})
        </dd>
        <dt>end</dt>
        <dd className="mono small">{s.end_time ? formatTime(s.end_time) : 'not ended'}</dd>
        <dt>duration</dt>
        <dd>{formatDuration(s.duration_ms)}</dd>
        <dt>parent</dt>
        <dd>
          {parent >= 0 ? (
            <button type="button" className="linkish" onClick={() => onSelect(parent)}>
              {tree.spans[parent].name}
            </button>
          ) : (
            'root'
          )}
        </dd>
        <dt>children</dt>
        <dd>{tree.descendants[node]} descendants</dd>
        <dt>frame events</dt>
        <dd>{events}</dd>
      </dl>
      <h3>Attributes</h3>
      {s.attributes && Object.keys(s.attributes).length > 0 ? (
        <dl className="kv attrs">
          {Object.entries(s.attributes).map(([k, v]) => (
            <Attr key={k} k={k} v={v} />
          ))}
        </dl>
      ) : (
        <p className="muted small">none</p>
      )}
    </aside>
  );
}

function Attr({ k, v }: { k: string; v: unknown }) {
  return (
    <>
      <dt className="mono small">{k}</dt>
      <dd className="mono small">{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
    </>
  );
}

function Artifacts({ traceId, artifacts }: { traceId: string; artifacts: ArtifactRef[] }) {
  const [shown, setShown] = useState<Set<string>>(new Set());
  if (artifacts.length === 0) {
    return (
      <Panel title="Artifacts" testId="artifacts">
        <p className="muted">No artifact manifest for this trace.</p>
      </Panel>
    );
  }
  return (
    <Panel title="Artifacts" testId="artifacts">
      <table className="grid">
        <thead>
          <tr>
            <th>kind</th>
            <th>content type</th>
            <th className="num">size</th>
            <th>uri</th>
            <th>preview (signed URL)</th>
          </tr>
        </thead>
        <tbody>
          {artifacts.map((a) => (
            <tr key={a.artifact_id}>
              <td>{a.kind}</td>
              <td>{a.content_type}</td>
              <td className="num">{formatBytes(a.size_bytes)}</td>
              <td className="mono small">{a.uri}</td>
              <td>
                {shown.has(a.artifact_id) ? (
                  <ArtifactPreview traceId={traceId} artifact={a} />
                ) : (
                  <button type="button" onClick={() => setShown(new Set(shown).add(a.artifact_id))}>
                    Show
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
