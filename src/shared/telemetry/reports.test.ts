import { describe, expect, it } from 'vitest';
import { checkReport } from './reports';

const sample = {
  type: 'anomaly.sample',
  t_us: 5_000_000,
  value: 21.5,
  predicted: null,
  lo: null,
  hi: null,
  outlier: false,
  anomaly: false,
  count: 0,
  mse: 0,
  n: 1,
  phase: 'warmup',
  mode: 'model',
};

describe('telemetry report descriptions', () => {
  it('accept a report that matches its type', () => {
    expect(checkReport(sample)).toBeUndefined();
    expect(
      checkReport({ type: 'anomaly.model', status: 'rejected', source: 'slot1', reason: 'bad magic' }),
    ).toBeUndefined();
  });

  it('reject a report of a described type whose fields differ, naming the field', () => {
    const { t_us, ...renamed } = sample;
    expect(checkReport({ ...renamed, time_us: t_us })).toBe('anomaly.sample: time_us: not a field of this report');
    expect(checkReport({ ...sample, phase: 'idle' })).toBe(
      'anomaly.sample: phase: expected one of warmup, learning, detect, got "idle"',
    );
  });

  it('let reports of other types through (a user firmware may send its own)', () => {
    expect(checkReport({ type: 'my.report', anything: [1, 2] })).toBeUndefined();
  });
});
