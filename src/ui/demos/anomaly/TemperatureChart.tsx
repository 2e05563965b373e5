// Readings, predictions, the 95% band and anomaly markers, scrolling with the stream. Samples arrive straight
// from the telemetry channel (thousands per second in fast-forward) into the kept history (sampleHistory.ts); the
// chart redraws at most once per frame from it, decimated, and draws it again when it mounts after another tab.
// Compact (the board view), it fills the box the layout gives it instead of standing 260 px tall.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { telemetryChannel } from '../../../services/channels';
import { sampleHistory } from '../../../services/sampleHistory';
import { formatAxisTime } from '../../../shared/format';
import type { Sample } from '../../../shared/SampleWindow';

/** Steps between time-axis ticks, in virtual seconds: whole seconds, minutes, hours, days. */
const TICK_SECONDS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800,
];

const FULL_HEIGHT = 260;

export function TemperatureChart({
  onSample,
  compact = false,
}: {
  onSample: (s: Sample & { count: number; mse: number | null; n: number }) => void;
  compact?: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  const sampleRef = useRef(onSample);
  useEffect(() => {
    sampleRef.current = onSample;
  }, [onSample]);

  useEffect(() => {
    const el = host.current!;
    // Read only when the layout is known to be clean (here and in the ResizeObserver): reading it in the frame
    // callback would force a synchronous layout of the whole page on every redraw.
    // Compact, the plot takes the box's height less its legend's (which wraps on a narrow box).
    const legendHeight = () => el.querySelector<HTMLElement>('.u-legend')?.offsetHeight ?? 0;
    const measure = () =>
      compact
        ? { width: Math.max(160, el.clientWidth), height: Math.max(100, el.clientHeight - legendHeight()) }
        : { width: Math.max(300, el.clientWidth), height: FULL_HEIGHT };
    let size = measure();
    const plot = new uPlot(
      {
        ...size,
        scales: { x: { time: false } },
        axes: [
          {
            stroke: '#8a98ab',
            grid: { stroke: '#1c2633' },
            // Compact, the ticks ("1 min 30 s") say it is time: the label's line goes to the plot.
            label: compact ? undefined : 'virtual time',
            // Ticks at whole clock units, far enough apart for their longest label ("14 d 01 h 05 min").
            incrs: TICK_SECONDS,
            space: 120,
            values: (_, ticks) => ticks.map(formatAxisTime),
          },
          { stroke: '#8a98ab', grid: { stroke: '#1c2633' }, label: '°C' },
        ],
        series: [
          {},
          { label: 'reading', stroke: '#4da3ff', width: 1.5 },
          { label: 'predicted', stroke: '#3ddc84', width: 1, dash: [4, 4] },
          // Compact, the legend names the band once (styles.css hides its high edge's entry).
          { label: compact ? '95% band' : '95% low', stroke: 'rgba(61,220,132,0.35)', width: 1 },
          { label: '95% high', stroke: 'rgba(61,220,132,0.35)', width: 1 },
          {
            label: 'anomaly',
            stroke: '#ff5c5c',
            width: 0,
            points: { show: true, size: 9, fill: '#ff5c5c', stroke: '#ff5c5c' },
          },
        ],
        bands: [{ series: [4, 3], fill: 'rgba(61,220,132,0.12)' }],
        legend: { live: false },
        cursor: { show: false },
      },
      [[], [], [], [], [], []],
      el,
    );
    let frame = 0;
    const redraw = () => {
      frame = 0;
      const series = sampleHistory.decimate(Math.floor(size.width / 2));
      plot.setData(series);
      el.dataset.anomalies = String(series[5].filter((m) => m !== null).length);
    };
    // The history took the sample already (it subscribed first); the newest one arrives here at once.
    const off = telemetryChannel.subscribe('anomaly.sample', (r) => {
      sampleRef.current(r);
      frame ||= requestAnimationFrame(redraw);
    });
    const resize = new ResizeObserver(() => {
      size = measure();
      plot.setSize(size);
    });
    resize.observe(el);
    return () => {
      off();
      resize.disconnect();
      cancelAnimationFrame(frame);
      plot.destroy();
    };
  }, [compact]);

  return <div ref={host} className={`temperature-chart${compact ? ' compact' : ''}`} data-testid="temperature-chart" />;
}
