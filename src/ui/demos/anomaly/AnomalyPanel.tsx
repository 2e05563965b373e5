// The anomaly demo: pick the sensor's source, watch readings, predictions and flagged anomalies live.
import { useCallback, useEffect, useRef, useState } from 'react';
import { telemetryChannel } from '../../../services/channels';
import type { AnomalyModelReport } from '../../../shared/telemetry/reports';
import { StreamControls } from './StreamControls';
import { TemperatureChart } from './TemperatureChart';

interface Stats {
  count: number;
  mse: number | null;
  n: number;
}

export function AnomalyPanel() {
  return (
    <section className="demo-panel anomaly" aria-label="Anomaly detection">
      <div className="panel-title">Temperature stream · SHT31 on I2C</div>
      <AnomalyStream />
      <p className="hint">
        LED1 lights on an anomaly, LED2 while the firmware learns its model on the device (BUTTON1 toggles learning,
        BUTTON2 resets the counters). Readings outside prediction ± 1.96σ are outliers; an anomaly is a strong outlier
        (beyond 3.6σ), a spike and its echo in the next reading, or 4 outliers in a row (the defaults).
      </p>
    </section>
  );
}

/**
 * The sensor's source, the key figures and the chart. Compact (the board view's chart part), the source picker
 * leaves out the CSV file input and the chart fills the height it is given.
 */
export function AnomalyStream({ compact = false }: { compact?: boolean }) {
  const [stats, setStats] = useState<Stats>({ count: 0, mse: null, n: 0 });
  // Many samples per frame in fast-forward: React state is updated once per animation frame at most.
  const onSample = useThrottledState(setStats);
  return (
    <>
      <StreamControls compact={compact} />
      <div className="anomaly-stats">
        <div>
          anomalies{' '}
          <strong data-testid="anomaly-count" data-count={stats.count}>
            {stats.count}
          </strong>
        </div>
        <div>
          MSE (last 256) <strong>{stats.mse === null ? '—' : stats.mse.toFixed(3)}</strong>
        </div>
        <div>
          samples <strong data-testid="samples-seen">{stats.n.toLocaleString('en-US')}</strong>
        </div>
      </div>
      <RunningModel />
      <TemperatureChart onSample={onSample} compact={compact} />
    </>
  );
}

/** Keeps only the newest value per animation frame. */
function useThrottledState(set: (s: Stats) => void): (s: Stats) => void {
  const latest = useRef<Stats | undefined>(undefined);
  const pending = useRef(0);
  useEffect(() => () => cancelAnimationFrame(pending.current), []);
  return useCallback(
    (s: Stats) => {
      latest.current = { count: s.count, mse: s.mse, n: s.n };
      pending.current ||= requestAnimationFrame(() => {
        pending.current = 0;
        if (latest.current) set(latest.current);
      });
    },
    [set],
  );
}

const SOURCES: Record<string, string> = {
  image: 'signed image',
  default: 'compiled in',
  slot1: 'pushed by the page',
  flash: 'learned, kept in flash',
  device: 'learned on the device',
};

type ModelReport = Exclude<AnomalyModelReport, { status: 'rejected' }>;
const running = (r: AnomalyModelReport | undefined): ModelReport | undefined =>
  r?.status === 'rejected' ? undefined : r;

/** The model the firmware runs (a rejected blob changes nothing): where it came from, and its sigma. */
function RunningModel() {
  const [model, setModel] = useState(() =>
    running(telemetryChannel.latest.get('anomaly.model') as AnomalyModelReport | undefined),
  );
  useEffect(() => telemetryChannel.subscribe('anomaly.model', (r) => running(r) && setModel(running(r))), []);
  const version = model?.status === 'loaded' ? model.version : undefined;
  return (
    <div
      className="anomaly-model"
      data-testid="anomaly-model"
      data-source={model?.source ?? ''}
      data-version={version ?? ''}
    >
      model{' '}
      <strong>
        {model ? `${version ? `v${version}` : SOURCES[model.source]} · σ ${model.sigma.toFixed(3)} °C` : '—'}
      </strong>
    </div>
  );
}
