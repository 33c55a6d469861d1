import { act, fireEvent, render, screen } from '@testing-library/react';
import { useMemo, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { wideTree } from '../test/fixtures';
import { buildTree } from '../lib/tree';
import { Waterfall } from './Waterfall';

const BIG = wideTree(99, 100);

function Harness({ spans = BIG, initial = null as number | null }) {
  const tree = useMemo(() => buildTree(spans), [spans]);
  const [sel, setSel] = useState<number | null>(initial);
  return <Waterfall tree={tree} markers={new Map()} selected={sel} onSelect={setSel} />;
}

const rowCount = () => Number(screen.getByTestId('waterfall').dataset.rowCount);

describe('Waterfall', () => {
  it('keeps a 10,000-span trace to a window of rows in the DOM', () => {
    render(<Harness />);
    expect(rowCount()).toBe(10_000);
    const rows = screen.getAllByTestId('wf-row');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThanOrEqual(200);
  });

  it('collapsing a node removes exactly its descendants, and expand brings them back', () => {
    render(<Harness spans={wideTree(5, 7)} />);
    expect(rowCount()).toBe(41);
    const stepRow = screen.getAllByTestId('wf-row').find((r) => r.textContent?.includes('step 2'))!;
    fireEvent.click(stepRow.querySelector('[data-testid="wf-toggle"]')!);
    expect(rowCount()).toBe(41 - 7);
    expect(screen.queryByText('block 2.3')).toBeNull();
    expect(screen.getByText('block 3.3')).toBeTruthy();
    fireEvent.click(screen.getByTestId('expand-all'));
    expect(rowCount()).toBe(41);
    fireEvent.click(screen.getByTestId('collapse-all'));
    expect(rowCount()).toBe(1);
  });

  it('counts search matches as n of m, steps through them and filters to matches only', () => {
    render(<Harness spans={wideTree(5, 7)} />);
    const search = screen.getByTestId('span-search');
    fireEvent.change(search, { target: { value: 'block 3.' } });
    expect(screen.getByTestId('match-count').textContent).toBe('0 of 7');
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(screen.getByTestId('match-count').textContent).toBe('1 of 7');
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(screen.getByTestId('match-count').textContent).toBe('2 of 7');
    expect(document.querySelector('.wf-row.selected')?.textContent).toContain('block 3.1');
    fireEvent.click(screen.getByTestId('matches-only'));
    expect(rowCount()).toBe(7);
  });

  it('places bars by start and duration as a share of the view', () => {
    render(<Harness spans={wideTree(2, 2)} />);
    const bars = screen.getAllByTestId('wf-bar');
    const root = bars[0];
    expect(root.style.left).toBe('0%');
    expect(root.style.width).toBe('100%');
    const step1 = bars[4];
    const total = 100_000;
    expect(parseFloat(step1.style.left)).toBeCloseTo((Number(step1.dataset.startMs) / total) * 100, 6);
    expect(parseFloat(step1.style.width)).toBeCloseTo((Number(step1.dataset.durationMs) / total) * 100, 6);
  });

  it('zooms with + and resets with 0 from the keyboard', () => {
    render(<Harness spans={wideTree(2, 2)} />);
    const wf = screen.getByTestId('waterfall');
    act(() => {
      fireEvent.keyDown(wf, { key: '+' });
    });
    expect(Number(wf.dataset.viewEnd) - Number(wf.dataset.viewStart)).toBe(50_000);
    fireEvent.keyDown(wf, { key: 'ArrowRight' });
    expect(Number(wf.dataset.viewStart)).toBe(35_000);
    fireEvent.keyDown(wf, { key: '0' });
    expect(Number(wf.dataset.viewStart)).toBe(0);
    expect(Number(wf.dataset.viewEnd)).toBe(100_000);
  });

  it('reveals a deep-linked span inside a collapsed parent', () => {
    const spans = wideTree(3, 3);
    const tree = buildTree(spans);
    const target = tree.byId.get(spans[spans.length - 1].span_id)!;
    render(<Harness spans={spans} initial={target} />);
    const sel = document.querySelector('.wf-row.selected') as HTMLElement;
    expect(sel.dataset.spanId).toBe(spans[spans.length - 1].span_id);
  });

  it('collapsing the parent of the selected span keeps it collapsed', () => {
    const spans = wideTree(3, 3);
    const tree = buildTree(spans);
    const target = tree.byId.get(spans[3].span_id)!; // block 0.1
    render(<Harness spans={spans} initial={target} />);
    expect(rowCount()).toBe(13);
    const step0 = screen.getAllByTestId('wf-row').find((r) => r.textContent?.includes('step 0'))!;
    fireEvent.click(step0.querySelector('[data-testid="wf-toggle"]')!);
    expect(rowCount()).toBe(10);
  });
});
