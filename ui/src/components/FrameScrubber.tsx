import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type uPlot from 'uplot';
import type { FrameEventView } from '../api/types';
import { formatNumber } from '../lib/format';
import { frameFromHash, frameSeries, nearestIndex, STRIPS, type FrameSeries, type StripKey } from '../lib/frames';
import { navigate, useLocation } from '../lib/router';
import { ArtifactPreview } from './ArtifactPreview';
import { UPlotChart } from './UPlotChart';

const STRIP_HEIGHT = 78;
const COLORS: Record<StripKey, string> = { clip: '#4f7cff', aesthetic: '#a855f7', vram: '#f59e0b', gpu: '#10b981' };

/**
 * One playhead over synchronized strips (one uPlot per metric, x = frame_index). Click or drag a
 * strip, or use the arrow keys (Shift: 10 frames, Home/End), to move it; the frame is in the URL
 * as `#frame=N`, so a link opens on that frame.
 */
export function FrameScrubber(props: {
  traceId: string;
  events: FrameEventView[];
  /** Artifact ids of the trace's manifests: only those can be signed (others answer 404). */
  known: ReadonlySet<string>;
}) {
  const { traceId, events, known } = props;
  const series = useMemo(() => frameSeries(events), [events]);
  const loc = useLocation();
  const requested = frameFromHash(loc.hash);
  const at = series.frames.length === 0 ? -1 : nearestIndex(series.frames, requested ?? series.frames[0]);
  const frame = at >= 0 ? series.frames[at] : null;

  const setFrame = (f: number) => {
    const i = nearestIndex(series.frames, f);
    if (i < 0) return;
    navigate(`${loc.path}${loc.search.toString() ? `?${loc.search}` : ''}#frame=${series.frames[i]}`, {
      replace: true,
    });
  };

  if (series.frames.length === 0) {
    return (
      <section className="panel scrubber" aria-label="Frame scrubber">
        <h2>Frames</h2>
        <p className="muted">This trace has no frame events yet.</p>
      </section>
    );
  }

  const onKey = (e: KeyboardEvent) => {
    const n = series.frames.length;
    let next = at;
    if (e.key === 'ArrowRight') next = at + (e.shiftKey ? 10 : 1);
    else if (e.key === 'ArrowLeft') next = at - (e.shiftKey ? 10 : 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    else return;
    e.preventDefault();
    setFrame(series.frames[Math.min(Math.max(next, 0), n - 1)]);
  };

  const strips = STRIPS.filter((s) => series[s.key].some((v) => v !== null));
  const thumbAt = nearestIndex(series.thumbFrames, frame!);

  return (
    <section className="panel scrubber" aria-label="Frame scrubber">
      <h2>Frames</h2>
      <div className="scrubber-body">
        <div
          className="strips"
          tabIndex={0}
          onKeyDown={onKey}
          data-testid="scrubber"
          data-frame={frame ?? ''}
          aria-label="Frame scrubber: left and right arrows step one frame, Shift steps ten"
        >
          {strips.map((s) => (
            <Strip key={s.key} stripKey={s.key} label={s.label} series={series} frame={frame!} onFrame={setFrame} />
          ))}
          {strips.length === 0 && <p className="muted">No quality or GPU metrics in these frame events.</p>}
        </div>
        <aside className="readout" data-testid="frame-readout">
          <dl>
            <dt>frame_index</dt>
            <dd data-testid="readout-frame">{frame}</dd>
            <dt>media_time_ms</dt>
            <dd data-testid="readout-media">{series.mediaTime[at] ?? '—'}</dd>
            {STRIPS.map((s) => (
              <FragmentRow key={s.key} label={s.label} value={series[s.key][at]} unit={s.unit} />
            ))}
          </dl>
          <div className="thumb">
            {thumbAt >= 0 ? (
              <>
                {known.has(series.thumbs[thumbAt].artifact_id) ? (
                  <ArtifactPreview traceId={traceId} artifact={series.thumbs[thumbAt]} compact />
                ) : (
                  <div className="muted small">thumbnail not in the trace's artifact manifest</div>
                )}
                <div className="muted small">nearest thumbnail: frame {series.thumbFrames[thumbAt]}</div>
              </>
            ) : (
              <div className="muted small">no thumbnails in this trace</div>
            )}
          </div>
        </aside>
      </div>
    </section>
  );
}

function FragmentRow({ label, value, unit }: { label: string; value: number | null; unit: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value === null ? '—' : `${formatNumber(value, 3)}${unit ? ` ${unit}` : ''}`}</dd>
    </>
  );
}

function Strip(props: {
  stripKey: StripKey;
  label: string;
  series: FrameSeries;
  frame: number;
  onFrame: (f: number) => void;
}) {
  const { stripKey, label, series, frame, onFrame } = props;
  const plot = useRef<uPlot | null>(null);
  const head = useRef<HTMLDivElement | null>(null);
  const frameRef = useRef(frame);
  frameRef.current = frame;
  const onFrameRef = useRef(onFrame);
  onFrameRef.current = onFrame;

  const place = (u: uPlot) => {
    if (!head.current) return;
    head.current.style.left = `${u.valToPos(frameRef.current, 'x')}px`;
    head.current.dataset.frame = String(frameRef.current);
  };

  const data = useMemo(
    () => [series.frames, series[stripKey]] as unknown as uPlot.AlignedData,
    [series, stripKey],
  );
  const opts = useMemo<Omit<uPlot.Options, 'width'>>(
    () => ({
      height: STRIP_HEIGHT,
      legend: { show: false },
      cursor: { show: false, drag: { x: false, y: false } },
      scales: { x: { time: false } },
      axes: [
        { show: false },
        { size: 52, font: '11px system-ui', ticks: { show: false }, grid: { stroke: '#eef1f6' } },
      ],
      series: [{}, { stroke: COLORS[stripKey], width: 1.5, spanGaps: true, points: { show: false } }],
      hooks: { setSize: [(u: uPlot) => place(u)] },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [stripKey],
  );

  const onReady = (u: uPlot) => {
    plot.current = u;
    const h = document.createElement('div');
    h.className = 'playhead';
    h.dataset.testid = 'playhead';
    h.dataset.strip = stripKey;
    u.over.appendChild(h);
    head.current = h;
    place(u);
    let down = false;
    const toFrame = (e: PointerEvent) => onFrameRef.current(Math.round(u.posToVal(e.offsetX, 'x')));
    u.over.addEventListener('pointerdown', (e) => {
      down = true;
      u.over.setPointerCapture?.(e.pointerId);
      toFrame(e);
    });
    u.over.addEventListener('pointermove', (e) => down && toFrame(e));
    u.over.addEventListener('pointerup', () => (down = false));
  };

  useEffect(() => {
    if (plot.current) place(plot.current);
  }, [frame]);

  return (
    <div className="strip" data-testid="strip" data-strip={stripKey}>
      <div className="strip-label">{label}</div>
      <UPlotChart opts={opts} data={data} onReady={onReady} className="strip-chart" />
    </div>
  );
}
