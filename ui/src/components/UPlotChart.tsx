import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface Props {
  /** Options without width; created once per `opts` object (memoize it). */
  opts: Omit<uPlot.Options, 'width'>;
  data: uPlot.AlignedData;
  onReady?: (u: uPlot) => void;
  className?: string;
  testId?: string;
}

/** uPlot (canvas) in a React box that follows its container's width. */
export function UPlotChart({ opts, data, onReady, className, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const dataRef = useRef(data);
  dataRef.current = data;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const width = Math.max(el.clientWidth, 200);
    const u = new uPlot({ ...opts, width } as uPlot.Options, dataRef.current, el);
    plot.current = u;
    onReady?.(u);
    let ro: ResizeObserver | undefined;
    if (typeof ResizeObserver !== 'undefined') {
      ro = new ResizeObserver(() => {
        const w = Math.max(el.clientWidth, 200);
        if (w !== u.width) u.setSize({ width: w, height: u.height });
      });
      ro.observe(el);
    }
    return () => {
      ro?.disconnect();
      u.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opts]);

  useEffect(() => {
    if (plot.current && plot.current.data !== data) plot.current.setData(data);
  }, [data]);

  return <div ref={box} className={className ?? 'chart'} data-testid={testId} />;
}
