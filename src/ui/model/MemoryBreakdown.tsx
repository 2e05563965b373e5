// SRAM and flash as two stacked bars on one byte scale, with a legend of every part's bytes (as Figure 1 of the
// MicroNets article shows a model's memory).
import type { EngineFootprint, ModelReport } from '../../ml/tflite/report';
import { memoryBars } from './memoryChart';

const n = (x: number) => x.toLocaleString('en-US');

export function MemoryBreakdown({ memory, footprint }: { memory: ModelReport['memory']; footprint: EngineFootprint }) {
  const bars = memoryBars(memory);
  return (
    <figure className="memory-chart" data-testid="model-memory">
      <figcaption>
        Memory on the device: what the model and the firmware that runs it need{' '}
        <small>(runtime, stack and code: {footprint.source})</small>
      </figcaption>
      {bars.map((bar) => (
        <div key={bar.label} className="memory-bar" data-testid={`memory-bar-${bar.label.toLowerCase()}`}>
          <div className="memory-bar-head">
            <strong>{bar.label}</strong> <span>{n(bar.total)} B</span>
          </div>
          <div className="memory-track" aria-hidden="true">
            {bar.segments
              .filter((s) => s.bytes > 0)
              .map((s) => (
                <span
                  key={s.key}
                  className={`memory-seg seg-${s.key}`}
                  style={{ left: `${s.start * 100}%`, width: `${s.width * 100}%` }}
                  title={`${s.label}: ${n(s.bytes)} B`}
                />
              ))}
          </div>
          <ul className="memory-legend">
            {bar.segments.map((s) => (
              <li key={s.key} data-segment={s.key} data-bytes={s.bytes}>
                <span className={`memory-swatch seg-${s.key}`} aria-hidden="true" />
                {s.label} <strong>{n(s.bytes)} B</strong>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </figure>
  );
}
