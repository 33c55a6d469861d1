import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatDuration } from '../lib/format';
import { pan, ticks, zoom, type Window } from '../lib/timeaxis';
import {
  allParents,
  ancestors,
  searchIndex,
  searchMatches,
  visibleRows,
  type SpanTree,
} from '../lib/tree';
import { Minimap } from './Minimap';

export const ROW_HEIGHT = 24;
const NAME_WIDTH = 340;

interface Props {
  tree: SpanTree;
  /** Frame-event times (ms after t0) per node, drawn as markers on the bar. */
  markers: Map<number, number[]>;
  selected: number | null;
  onSelect: (node: number | null) => void;
}

/**
 * The span waterfall: a tree of names on the left and time bars on the right, virtualized so only
 * the rows in view (plus a small overscan) are in the DOM, whatever the trace's size.
 */
export function Waterfall({ tree, markers, selected, onSelect }: Props) {
  const [collapsed, setCollapsed] = useState<Set<number>>(() => new Set());
  const [query, setQuery] = useState('');
  const [matchesOnly, setMatchesOnly] = useState(false);
  const [matchPos, setMatchPos] = useState(-1);
  const [view, setView] = useState<Window>({ start: 0, end: tree.total });
  const scroller = useRef<HTMLDivElement>(null);
  const firstReveal = useRef(true);

  useEffect(() => {
    setCollapsed(new Set());
    setView({ start: 0, end: tree.total });
  }, [tree]);

  // Built on the first search only: most visits never search.
  const index = useRef<{ tree: SpanTree; text: string[] } | null>(null);
  const matches = useMemo(() => {
    if (!query.trim()) return [];
    if (index.current?.tree !== tree) index.current = { tree, text: searchIndex(tree) };
    return searchMatches(tree, index.current.text, query);
  }, [tree, query]);
  const matchSet = useMemo(() => new Set(matches), [matches]);
  useEffect(() => setMatchPos(-1), [query, tree]);

  const rows = useMemo(
    () => (matchesOnly && query.trim() ? matches : visibleRows(tree, collapsed)),
    [matchesOnly, query, matches, tree, collapsed],
  );

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1000, height: 560 },
  });

  // Reveal a newly selected span once: expand its collapsed ancestors, then scroll its row into
  // view when it is among the rows. Collapsing a parent of the selection later must not undo it.
  const pendingReveal = useRef<number | null>(null);
  useEffect(() => {
    if (selected === null) return;
    pendingReveal.current = selected;
    const hidden = ancestors(tree, selected).filter((a) => collapsed.has(a));
    if (hidden.length > 0 && !(matchesOnly && query.trim())) {
      setCollapsed((c) => {
        const next = new Set(c);
        hidden.forEach((a) => next.delete(a));
        return next;
      });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected, tree]);
  useEffect(() => {
    const target = pendingReveal.current;
    if (target === null) return;
    const at = rows.indexOf(target);
    if (at < 0) return;
    pendingReveal.current = null;
    virtualizer.scrollToIndex(at, { align: firstReveal.current ? 'center' : 'auto' });
    firstReveal.current = false;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, selected]);

  const toggle = (i: number) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });

  const step = (dir: 1 | -1) => {
    if (matches.length === 0) return;
    const pos = (matchPos + dir + matches.length) % matches.length;
    setMatchPos(pos);
    onSelect(matches[pos]);
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if ((e.target as HTMLElement).tagName === 'INPUT') return;
    let handled = true;
    if (e.key === 'ArrowLeft') setView(pan(view, -0.2, tree.total));
    else if (e.key === 'ArrowRight') setView(pan(view, 0.2, tree.total));
    else if (e.key === '+' || e.key === '=') setView(zoom(view, 0.5, tree.total));
    else if (e.key === '-' || e.key === '_') setView(zoom(view, 2, tree.total));
    else if (e.key === '0') setView({ start: 0, end: tree.total });
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const at = selected === null ? -1 : rows.indexOf(selected);
      const next = Math.min(Math.max(at + (e.key === 'ArrowDown' ? 1 : -1), 0), rows.length - 1);
      if (rows.length > 0) onSelect(rows[next]);
    } else if (e.key === ' ' && selected !== null && tree.hasChildren[selected]) toggle(selected);
    else handled = false;
    if (handled) e.preventDefault();
  };

  const len = Math.max(view.end - view.start, 1e-6);
  const axis = ticks(view.start, view.end);
  const zoomed = view.start > 0 || view.end < tree.total;

  return (
    <section className="waterfall" aria-label="Span waterfall">
      <div className="toolbar">
        <input
          type="search"
          placeholder="Search spans (name, kind, id, attributes)"
          aria-label="Search spans"
          data-testid="span-search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') step(e.shiftKey ? -1 : 1);
          }}
        />
        <span className="match-count" data-testid="match-count" aria-live="polite">
          {query.trim() ? `${matches.length === 0 ? 0 : matchPos + 1} of ${matches.length}` : ''}
        </span>
        <button type="button" onClick={() => step(-1)} disabled={matches.length === 0} aria-label="Previous match">
          ↑
        </button>
        <button type="button" onClick={() => step(1)} disabled={matches.length === 0} aria-label="Next match">
          ↓
        </button>
        <label className="check">
          <input
            type="checkbox"
            data-testid="matches-only"
            checked={matchesOnly}
            onChange={(e) => setMatchesOnly(e.target.checked)}
          />
          matches only
        </label>
        <span className="spacer" />
        <button type="button" data-testid="collapse-all" onClick={() => setCollapsed(allParents(tree))}>
          Collapse all
        </button>
        <button type="button" data-testid="expand-all" onClick={() => setCollapsed(new Set())}>
          Expand all
        </button>
        <button
          type="button"
          data-testid="zoom-reset"
          disabled={!zoomed}
          onClick={() => setView({ start: 0, end: tree.total })}
        >
          Reset zoom
        </button>
      </div>
      <Minimap tree={tree} view={view} onView={setView} />
      <div
        className="wf"
        tabIndex={0}
        onKeyDown={onKey}
        data-testid="waterfall"
        data-row-count={rows.length}
        data-view-start={view.start}
        data-view-end={view.end}
        aria-label="Waterfall: arrows pan and move the selection, + and - zoom, 0 resets, space collapses"
      >
        <div className="wf-axis" style={{ gridTemplateColumns: `${NAME_WIDTH}px 1fr` }}>
          <div className="wf-axis-name">
            {rows.length.toLocaleString('en-US')} of {tree.spans.length.toLocaleString('en-US')} spans
          </div>
          <div className="wf-axis-track">
            {axis.map((t) => (
              <span key={t} className="tick" style={{ left: `${((t - view.start) / len) * 100}%` }}>
                {formatDuration(t)}
              </span>
            ))}
          </div>
        </div>
        <div
          ref={scroller}
          className="wf-scroll"
          data-testid="wf-scroll"
          style={{ height: Math.max(rows.length * ROW_HEIGHT + 2, 3 * ROW_HEIGHT) }}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const i = rows[v.index];
              const s = tree.spans[i];
              const left = ((tree.start[i] - view.start) / len) * 100;
              const width = ((tree.end[i] - tree.start[i]) / len) * 100;
              const isCollapsed = collapsed.has(i);
              const m = markers.get(i);
              return (
                <div
                  key={i}
                  className={`wf-row${selected === i ? ' selected' : ''}${matchSet.has(i) ? ' match' : ''}`}
                  data-testid="wf-row"
                  data-span-id={s.span_id}
                  aria-selected={selected === i}
                  style={{
                    transform: `translateY(${v.start}px)`,
                    height: ROW_HEIGHT,
                    gridTemplateColumns: `${NAME_WIDTH}px 1fr`,
                  }}
                  onClick={() => onSelect(i)}
                >
                  <div className="wf-name" style={{ paddingLeft: 4 + tree.depth[i] * 14 }} title={s.name}>
                    {tree.hasChildren[i] ? (
                      <button
                        type="button"
                        className="twisty"
                        data-testid="wf-toggle"
                        aria-expanded={!isCollapsed}
                        aria-label={isCollapsed ? 'Expand' : 'Collapse'}
                        onClick={(e) => {
                          e.stopPropagation();
                          toggle(i);
                        }}
                      >
                        {isCollapsed ? '▸' : '▾'}
                      </button>
                    ) : (
                      <span className="twisty" />
                    )}
                    <span className={`kind kind-${s.span_kind}`}>{s.span_kind}</span>
                    <span className="name">{s.name}</span>
                    {isCollapsed && <span className="hidden-count">+{tree.descendants[i]}</span>}
                  </div>
                  <div className="wf-track">
                    <div
                      className={`wf-bar status-${s.status}${tree.open[i] ? ' open' : ''}`}
                      data-testid="wf-bar"
                      data-start-ms={tree.start[i]}
                      data-duration-ms={tree.end[i] - tree.start[i]}
                      style={{ left: `${left}%`, width: `${width}%` }}
                      title={`${s.name}: ${formatDuration(s.duration_ms)}`}
                    />
                    {m && <Markers times={m} view={view} />}
                    <span className="wf-dur" style={{ left: `calc(${Math.max(left + width, 0)}% + 4px)` }}>
                      {formatDuration(s.duration_ms ?? tree.end[i] - tree.start[i])}
                    </span>
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </section>
  );
}

/** Frame events as ticks on a span's bar: one SVG path, at most one tick per 1/1000 of the view. */
function Markers({ times, view }: { times: number[]; view: Window }) {
  const len = Math.max(view.end - view.start, 1e-6);
  const seen = new Uint8Array(1001);
  let d = '';
  for (const t of times) {
    const x = Math.round(((t - view.start) / len) * 1000);
    if (x < 0 || x > 1000 || seen[x]) continue;
    seen[x] = 1;
    d += `M${x} 0V10`;
  }
  return (
    <svg
      className="wf-markers"
      data-testid="wf-markers"
      data-count={times.length}
      viewBox="0 0 1000 10"
      preserveAspectRatio="none"
      aria-label={`${times.length} frame events`}
    >
      <path d={d} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
