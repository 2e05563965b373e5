// One figure across the fleet: a line per device over wall-clock time. Devices report at their own instants, so
// the series are joined on the union of their timestamps (uPlot.join), with gaps where a device said nothing.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface PlotSeries {
  id: string;
  /** [ms since the epoch, value], oldest first. */
  points: [number, number][];
}

const COLOURS = ['#4da3ff', '#3ddc84', '#ffb84d', '#ff5c5c', '#c38bff', '#4dd8e0', '#f27ec2', '#d8d84d'];
const HEIGHT = 220;

function aligned(series: PlotSeries[]): uPlot.AlignedData {
  if (series.length === 0) return [[]];
  const tables = series.map((s) => [s.points.map((p) => p[0] / 1000), s.points.map((p) => p[1])] as uPlot.AlignedData);
  return uPlot.join(tables);
}

export function FleetPlot({ series, label }: { series: PlotSeries[]; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const shape = series.map((s) => s.id).join('\n');

  // A new set of devices is a new plot (uPlot's series are fixed at construction); new points only new data.
  useEffect(() => {
    const el = host.current!;
    const ids = shape ? shape.split('\n') : [];
    const measure = () => Math.max(280, el.clientWidth);
    const p = new uPlot(
      {
        width: measure(),
        height: HEIGHT,
        axes: [
          { stroke: '#8a98ab', grid: { stroke: '#1c2633' } },
          { stroke: '#8a98ab', grid: { stroke: '#1c2633' }, label },
        ],
        series: [
          {},
          ...ids.map((id, i) => ({
            label: id,
            stroke: COLOURS[i % COLOURS.length],
            width: 1.5,
            spanGaps: true,
            points: { show: true, size: 4 },
          })),
        ],
        legend: { live: false },
        cursor: { show: false },
      },
      [[], ...ids.map(() => [])],
      el,
    );
    plot.current = p;
    const resize = new ResizeObserver(() => p.setSize({ width: measure(), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      p.destroy();
      plot.current = undefined;
    };
  }, [shape, label]);

  useEffect(() => {
    plot.current?.setData(aligned(series));
    host.current!.dataset.points = String(series.reduce((n, s) => n + s.points.length, 0));
  }, [series, shape, label]);

  return <div ref={host} className="fleet-plot" data-testid="fleet-plot" data-series={series.length} />;
}
