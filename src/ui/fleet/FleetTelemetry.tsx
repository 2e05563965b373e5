// Fleet telemetry at a glance: one figure of the demos' telemetry reports, a line per device.
import { useMemo } from 'react';
import type { TelemetryPoint } from '../../fleet/protocol';
import { showFigure } from '../../services/fleetInstructor';
import { useStore } from '../../state/store';
import { FleetPlot, type PlotSeries } from './FleetPlot';

/** Figures as GET /api/telemetry names them: "<report type>.<field>" (src/shared/telemetry/reports.ts). */
const FIGURES: [string, string][] = [
  ['mnist.inference.prediction', 'MNIST: predicted digit'],
  ['mnist.inference.time_us', 'MNIST: inference time, virtual µs'],
  ['mnist.inference.host_us', 'MNIST: inference time on the host, µs'],
  ['anomaly.sample.value', 'Anomaly: temperature, °C'],
  ['anomaly.sample.count', 'Anomaly: anomalies flagged'],
  ['anomaly.sample.mse', 'Anomaly: prediction MSE, °C²'],
];

function bySeries(points: TelemetryPoint[]): PlotSeries[] {
  const series = new Map<string, [number, number][]>();
  for (const p of points) {
    const list = series.get(p.device) ?? [];
    list.push([p.ts, p.value]);
    series.set(p.device, list);
  }
  return [...series]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, pts]) => ({ id, points: pts.sort((a, b) => a[0] - b[0]) }));
}

export function FleetTelemetry() {
  const figure = useStore((s) => s.plotFigure);
  const points = useStore((s) => s.plotPoints);
  const series = useMemo(() => bySeries(points), [points]);
  const label = FIGURES.find(([f]) => f === figure)?.[1] ?? figure;
  return (
    <section className="fleet-card" aria-label="Fleet telemetry">
      <h2>
        Telemetry{' '}
        <select
          data-testid="fleet-figure"
          aria-label="Figure to plot"
          value={figure}
          onChange={(e) => void showFigure(e.target.value)}
        >
          {FIGURES.map(([f, text]) => (
            <option key={f} value={f}>
              {text}
            </option>
          ))}
        </select>
      </h2>
      {series.length > 0 ? (
        <FleetPlot series={series} label={label} />
      ) : (
        <p className="muted">No device has reported this figure in the last 30 minutes.</p>
      )}
    </section>
  );
}
