import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { TraceDetail } from '../api/types';
import { ErrorBox, Loading, StatusBadge } from '../components/common';
import { kindDeltas } from '../lib/compare';
import { formatDelta, formatDuration, formatNumber, shortId } from '../lib/format';
import { Link, navigate, useLocation } from '../lib/router';
import { useAsync } from '../lib/useAsync';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Two traces side by side: per span kind total duration and the signed change from A to B. */
export function CompareView() {
  const loc = useLocation();
  const a = loc.search.get('a') ?? '';
  const b = loc.search.get('b') ?? '';
  const [ia, setA] = useState(a);
  const [ib, setB] = useState(b);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/compare?a=${encodeURIComponent(ia.trim())}&b=${encodeURIComponent(ib.trim())}`);
  };
  const ready = UUID.test(a) && UUID.test(b);
  return (
    <div className="view">
      <header className="view-head">
        <h1>Compare two traces</h1>
      </header>
      <form className="filters" onSubmit={submit}>
        <label>
          A <input className="mono" size={38} value={ia} onChange={(e) => setA(e.target.value)} data-testid="compare-a" />
        </label>
        <label>
          B <input className="mono" size={38} value={ib} onChange={(e) => setB(e.target.value)} data-testid="compare-b" />
        </label>
        <button type="submit">Compare</button>
      </form>
      {!ready && (
        <div className="state empty">
          Enter two trace ids, or tick two traces on the <Link to="/traces">trace list</Link> and press Compare.
        </div>
      )}
      {ready && <Comparison a={a} b={b} />}
    </div>
  );
}

function Comparison({ a, b }: { a: string; b: string }) {
  const s = useAsync(
    (signal) => Promise.all([api.traceHead(a, 1, signal), api.traceHead(b, 1, signal)]),
    [a, b],
  );
  if (s.state === 'loading') return <Loading what="both traces" />;
  if (s.state === 'error') return <ErrorBox error={s.error} />;
  const [da, db] = s.value;
  const rows = kindDeltas(da.spans, db.spans);
  return (
    <>
      <table className="grid compare" data-testid="compare-summary">
        <thead>
          <tr>
            <th />
            <th>
              A <Link to={`/traces/${a}`}>{shortId(a)}</Link> <StatusBadge status={da.trace.status} />
            </th>
            <th>
              B <Link to={`/traces/${b}`}>{shortId(b)}</Link> <StatusBadge status={db.trace.status} />
            </th>
            <th className="num">B − A</th>
          </tr>
        </thead>
        <tbody>
          <SummaryRow label="total duration" a={da} b={db} pick={(d) => d.summary.total_duration_ms} fmt={formatDuration} delta={formatDelta} />
          <SummaryRow label="compute units" a={da} b={db} pick={(d) => d.summary.compute_units} fmt={(v) => formatNumber(v)} delta={(v) => signed(v)} />
          <SummaryRow label="frames" a={da} b={db} pick={(d) => d.summary.frame_count} fmt={(v) => formatNumber(v, 0)} delta={(v) => signed(v, 0)} />
          <SummaryRow label="spans" a={da} b={db} pick={(d) => d.spans.length} fmt={(v) => formatNumber(v, 0)} delta={(v) => signed(v, 0)} />
        </tbody>
      </table>
      <h2>Per span kind</h2>
      <table className="grid compare" data-testid="compare-kinds">
        <thead>
          <tr>
            <th>span kind</th>
            <th className="num">A (spans)</th>
            <th className="num">B (spans)</th>
            <th className="num">delta</th>
            <th className="num">change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.kind} data-testid="kind-delta" data-kind={r.kind} data-delta-ms={r.delta}>
              <td>{r.kind}</td>
              <td className="num">
                {formatDuration(r.msA)} ({r.countA})
              </td>
              <td className="num">
                {formatDuration(r.msB)} ({r.countB})
              </td>
              <td className={`num ${r.delta > 0 ? 'worse' : r.delta < 0 ? 'better' : ''}`}>{formatDelta(r.delta)}</td>
              <td className="num">{r.ratio === null ? 'new' : `${r.ratio > 0 ? '+' : r.ratio < 0 ? '−' : '±'}${formatNumber(Math.abs(r.ratio) * 100, 1)} %`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function signed(v: number, digits = 2): string {
  if (v === 0) return '±0';
  return `${v > 0 ? '+' : '−'}${formatNumber(Math.abs(v), digits)}`;
}

function SummaryRow(props: {
  label: string;
  a: TraceDetail;
  b: TraceDetail;
  pick: (d: TraceDetail) => number | null;
  fmt: (v: number) => string;
  delta: (v: number) => string;
}) {
  const va = props.pick(props.a);
  const vb = props.pick(props.b);
  return (
    <tr>
      <td>{props.label}</td>
      <td>{va === null ? '—' : props.fmt(va)}</td>
      <td>{vb === null ? '—' : props.fmt(vb)}</td>
      <td className="num">{va === null || vb === null ? '—' : props.delta(vb - va)}</td>
    </tr>
  );
}
