import type { FrameEventView, SpanView } from '../api/types';

/**
 * The span tree of one trace, in flat arrays so that 10,000+ spans build in O(n) and the visible
 * rows of any collapse state are computed in O(visible rows).
 */
export interface SpanTree {
  spans: SpanView[];
  /** Parent node index, -1 for a root (no parent, or a parent that is not in the trace). */
  parent: Int32Array;
  depth: Int32Array;
  /** Number of descendants of each node. */
  descendants: Int32Array;
  /** Whether the node has children. */
  hasChildren: Uint8Array;
  /** Every node in depth-first pre-order: a subtree is a contiguous run after its root. */
  preorder: Int32Array;
  /** Node index → position in `preorder`. */
  position: Int32Array;
  /** Start and end in ms after `t0`; an open span ends at the trace's end. */
  start: Float64Array;
  end: Float64Array;
  open: Uint8Array;
  byId: Map<string, number>;
  /** Trace time origin (epoch ms) and length in ms. */
  t0: number;
  total: number;
}

export function buildTree(spans: SpanView[], traceStart?: string, traceEnd?: string): SpanTree {
  const n = spans.length;
  const byId = new Map<string, number>();
  for (let i = 0; i < n; i++) byId.set(spans[i].span_id, i);

  const parent = new Int32Array(n).fill(-1);
  const childCount = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = spans[i].parent_span_id;
    const pi = p === undefined ? -1 : (byId.get(p) ?? -1);
    if (pi !== i) parent[i] = pi;
    if (parent[i] >= 0) childCount[parent[i]]++;
  }
  // Children in a CSR layout, in span order (the API sorts spans by start_time).
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) childStart[i + 1] = childStart[i] + childCount[i];
  const fill = childStart.slice(0, n);
  const children = new Int32Array(Math.max(childStart[n], 0));
  for (let i = 0; i < n; i++) if (parent[i] >= 0) children[fill[parent[i]]++] = i;

  const depth = new Int32Array(n);
  const preorder = new Int32Array(n);
  const visited = new Uint8Array(n);
  const stack: number[] = [];
  let k = 0;
  const walk = (root: number) => {
    stack.push(root);
    depth[root] = 0;
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (visited[i]) continue;
      visited[i] = 1;
      preorder[k++] = i;
      for (let c = childStart[i + 1] - 1; c >= childStart[i]; c--) {
        const ch = children[c];
        if (!visited[ch]) {
          depth[ch] = depth[i] + 1;
          stack.push(ch);
        }
      }
    }
  };
  for (let i = 0; i < n; i++) if (parent[i] < 0) walk(i);
  // A parent cycle has no root: break it at its first span, which becomes a root.
  for (let i = 0; i < n; i++)
    if (!visited[i]) {
      parent[i] = -1;
      walk(i);
    }
  const position = new Int32Array(n);
  for (let p = 0; p < n; p++) position[preorder[p]] = p;
  const descendants = new Int32Array(n);
  for (let p = n - 1; p >= 0; p--) {
    const i = preorder[p];
    if (parent[i] >= 0 && position[parent[i]] < p) descendants[parent[i]] += descendants[i] + 1;
  }
  const hasChildren = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (descendants[i] > 0) hasChildren[i] = 1;

  let t0 = traceStart ? Date.parse(traceStart) : Number.POSITIVE_INFINITY;
  let tEnd = traceEnd ? Date.parse(traceEnd) : Number.NEGATIVE_INFINITY;
  const startAbs = new Float64Array(n);
  const endAbs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    startAbs[i] = Date.parse(spans[i].start_time);
    endAbs[i] = spans[i].end_time ? Date.parse(spans[i].end_time!) : Number.NaN;
    if (startAbs[i] < t0) t0 = startAbs[i];
    if (startAbs[i] > tEnd) tEnd = startAbs[i];
    if (endAbs[i] > tEnd) tEnd = endAbs[i];
  }
  if (!Number.isFinite(t0)) t0 = 0;
  if (!Number.isFinite(tEnd) || tEnd < t0) tEnd = t0;
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const open = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    start[i] = startAbs[i] - t0;
    if (Number.isNaN(endAbs[i])) {
      open[i] = 1;
      end[i] = tEnd - t0;
    } else end[i] = endAbs[i] - t0;
  }
  return {
    spans,
    parent,
    depth,
    descendants,
    hasChildren,
    preorder,
    position,
    start,
    end,
    open,
    byId,
    t0,
    total: Math.max(tEnd - t0, 1),
  };
}

/** The rows to show: pre-order, skipping the subtrees of collapsed nodes. O(visible rows). */
export function visibleRows(tree: SpanTree, collapsed: ReadonlySet<number>): number[] {
  const rows: number[] = [];
  const pre = tree.preorder;
  for (let p = 0; p < pre.length; ) {
    const i = pre[p];
    rows.push(i);
    p += collapsed.has(i) ? tree.descendants[i] + 1 : 1;
  }
  return rows;
}

/** Every node that has children: "collapse all". */
export function allParents(tree: SpanTree): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < tree.hasChildren.length; i++) if (tree.hasChildren[i]) out.add(i);
  return out;
}

export function ancestors(tree: SpanTree, i: number): number[] {
  const out: number[] = [];
  for (let p = tree.parent[i]; p >= 0; p = tree.parent[p]) out.push(p);
  return out;
}

/** Lower-case search text of each span, built once per trace. */
export function searchIndex(tree: SpanTree): string[] {
  return tree.spans.map((s) => {
    const attrs = s.attributes ? Object.entries(s.attributes).map(([k, v]) => `${k}=${String(v)}`) : [];
    return [s.name, s.span_kind, s.span_id, s.status, ...attrs].join('\u0000').toLowerCase();
  });
}

/** Matching nodes in pre-order (the order the waterfall shows them). */
export function searchMatches(tree: SpanTree, index: string[], query: string): number[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const out: number[] = [];
  for (let p = 0; p < tree.preorder.length; p++) {
    const i = tree.preorder[p];
    if (index[i].includes(q)) out.push(i);
  }
  return out;
}

/** Frame events by span: times in ms after the tree's t0, for the markers on each span's bar. */
export function markersBySpan(tree: SpanTree, events: FrameEventView[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const e of events) {
    if (!e.span_id) continue;
    const i = tree.byId.get(e.span_id);
    if (i === undefined) continue;
    let list = out.get(i);
    if (!list) out.set(i, (list = []));
    list.push(Date.parse(e.observed_at) - tree.t0);
  }
  return out;
}
