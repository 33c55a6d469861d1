import { describe, expect, it } from 'vitest';
import { span, id, wideTree } from '../test/fixtures';
import { allParents, ancestors, buildTree, searchIndex, searchMatches, visibleRows } from './tree';

describe('buildTree', () => {
  it('orders spans depth-first with depths and descendant counts', () => {
    const spans = wideTree(3, 2);
    const t = buildTree(spans);
    expect(t.preorder.length).toBe(10);
    expect(Array.from(t.preorder).map((i) => t.spans[i].name)).toEqual([
      'root', 'step 0', 'block 0.0', 'block 0.1', 'step 1', 'block 1.0', 'block 1.1', 'step 2', 'block 2.0', 'block 2.1',
    ]);
    expect(t.descendants[0]).toBe(9);
    expect(t.descendants[1]).toBe(2);
    expect(t.depth[2]).toBe(2);
  });

  it('builds 10,000 spans with every node placed exactly once', () => {
    const spans = wideTree(99, 100);
    const t = buildTree(spans);
    expect(spans.length).toBe(1 + 99 + 9900);
    expect(new Set(t.preorder).size).toBe(spans.length);
    expect(t.descendants[0]).toBe(spans.length - 1);
  });

  it('treats a span whose parent is missing as a root, and breaks a parent cycle', () => {
    const a = id(901), b = id(902), c = id(903);
    const t = buildTree([
      span(a, b, 0, 10),
      span(b, a, 1, 10),
      span(c, id(999), 2, 10),
    ]);
    expect(new Set(t.preorder).size).toBe(3);
    expect(t.parent[2]).toBe(-1);
    expect(Array.from(t.parent).filter((p) => p === -1).length).toBe(2);
  });

  it('places bars by start and end relative to the earliest start; open spans run to the end', () => {
    const r = id(910);
    const t = buildTree([span(r, undefined, 1000, 500), { ...span(id(911), r, 1200, 0), end_time: undefined, duration_ms: null }]);
    expect(t.start[0]).toBe(0);
    expect(t.end[0]).toBe(500);
    expect(t.start[1]).toBe(200);
    expect(t.open[1]).toBe(1);
    expect(t.end[1]).toBe(500);
    expect(t.total).toBe(500);
  });
});

describe('visibleRows', () => {
  const t = buildTree(wideTree(4, 5));

  it('shows every span when nothing is collapsed', () => {
    expect(visibleRows(t, new Set()).length).toBe(25);
  });

  it('collapsing a node removes exactly its descendants', () => {
    const step = t.byId.get(t.spans[1 + 6].span_id)!; // "step 1"
    expect(t.spans[step].name).toBe('step 1');
    const rows = visibleRows(t, new Set([step]));
    expect(rows.length).toBe(25 - t.descendants[step]);
    expect(rows).toContain(step);
    for (let i = 0; i < t.spans.length; i++) {
      const hidden = ancestors(t, i).includes(step);
      expect(rows.includes(i)).toBe(!hidden);
    }
  });

  it('collapse all leaves only the roots', () => {
    expect(visibleRows(t, allParents(t))).toEqual([0]);
  });
});

describe('search', () => {
  const t = buildTree(wideTree(3, 4));
  const index = searchIndex(t);

  it('counts matches by name, case-insensitive, in display order', () => {
    const m = searchMatches(t, index, 'BLOCK 1.');
    expect(m.map((i) => t.spans[i].name)).toEqual(['block 1.0', 'block 1.1', 'block 1.2', 'block 1.3']);
  });

  it('matches span kinds and ids, and nothing for a blank query', () => {
    expect(searchMatches(t, index, 'sampling').length).toBe(3);
    expect(searchMatches(t, index, t.spans[5].span_id).length).toBe(1);
    expect(searchMatches(t, index, '  ')).toEqual([]);
  });
});
