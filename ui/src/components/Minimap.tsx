import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { SpanTree } from '../lib/tree';
import type { Window } from '../lib/timeaxis';

const HEIGHT = 44;

/**
 * The whole trace in miniature (one thin line per span, in pre-order), with the waterfall's view
 * window drawn over it. Drag to zoom into a range; a click centres the window there.
 */
export function Minimap(props: { tree: SpanTree; view: Window; onView: (w: Window) => void }) {
  const { tree, view, onView } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setWidth(Math.max(el.clientWidth, 100)));
    ro.observe(el);
    setWidth(Math.max(el.clientWidth, 100));
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = width * dpr;
    c.height = HEIGHT * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, HEIGHT);
    const n = tree.preorder.length;
    const scale = width / tree.total;
    for (let p = 0; p < n; p++) {
      const i = tree.preorder[p];
      const y = n <= 1 ? HEIGHT / 2 : 2 + (p / (n - 1)) * (HEIGHT - 4);
      ctx.fillStyle = tree.spans[i].status === 'ERROR' ? '#e5484d' : '#4f7cff';
      ctx.fillRect(tree.start[i] * scale, y, Math.max((tree.end[i] - tree.start[i]) * scale, 1), 1);
    }
  }, [tree, width]);

  const toMs = (clientX: number) => {
    const r = box.current!.getBoundingClientRect();
    return (Math.min(Math.max(clientX - r.left, 0), r.width) / Math.max(r.width, 1)) * tree.total;
  };
  const onDown = (e: PointerEvent) => {
    (e.target as Element).setPointerCapture?.(e.pointerId);
    setDrag({ x0: e.clientX, x1: e.clientX });
  };
  const onMove = (e: PointerEvent) => drag && setDrag({ ...drag, x1: e.clientX });
  const onUp = (e: PointerEvent) => {
    if (!drag) return;
    setDrag(null);
    const a = toMs(drag.x0);
    const b = toMs(e.clientX);
    if (Math.abs(e.clientX - drag.x0) >= 4) {
      onView({ start: Math.min(a, b), end: Math.max(a, b) });
    } else {
      const len = view.end - view.start;
      const start = Math.min(Math.max(b - len / 2, 0), tree.total - len);
      onView({ start, end: start + len });
    }
  };

  const pct = (ms: number) => `${(ms / tree.total) * 100}%`;
  const r = box.current?.getBoundingClientRect();
  return (
    <div
      ref={box}
      className="minimap"
      data-testid="minimap"
      style={{ height: HEIGHT }}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      title="Drag to zoom into a range; click to move the view"
    >
      <canvas ref={canvas} style={{ width: '100%', height: HEIGHT }} />
      <div
        className="minimap-window"
        data-testid="minimap-window"
        style={{ left: pct(view.start), width: pct(view.end - view.start) }}
      />
      {drag && r && (
        <div
          className="minimap-drag"
          style={{ left: Math.min(drag.x0, drag.x1) - r.left, width: Math.abs(drag.x1 - drag.x0) }}
        />
      )}
    </div>
  );
}
