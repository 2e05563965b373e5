// The model runner's last answer: top-k (class index and dequantized score), the host time per inference, or why
// the firmware did not run the input.
import { useEffect, useState } from 'react';
import { telemetryChannel } from '../../services/channels';
import type { RunnerErrorReport, RunnerInferenceReport } from '../../shared/telemetry/reports';

type Last = { kind: 'result'; report: RunnerInferenceReport } | { kind: 'error'; report: RunnerErrorReport };

export function RunnerResult() {
  const [last, setLast] = useState<Last | undefined>(() => {
    const report = telemetryChannel.latest.get('model_runner.inference') as RunnerInferenceReport | undefined;
    return report && { kind: 'result', report };
  });
  useEffect(() => {
    const offResult = telemetryChannel.subscribe('model_runner.inference', (report) =>
      setLast({ kind: 'result', report }),
    );
    const offError = telemetryChannel.subscribe('model_runner.error', (report) => setLast({ kind: 'error', report }));
    return () => {
      offResult();
      offError();
    };
  }, []);
  if (!last) return <p className="hint">No inference yet.</p>;
  if (last.kind === 'error')
    return (
      <p className="model-run-error" data-testid="model-run-error" role="alert">
        {last.report.message}
      </p>
    );
  const r = last.report;
  const best = r.top_k[0]?.score ?? 0;
  return (
    <div className="model-run-result">
      <table className="model-topk" data-testid="model-topk">
        <caption>
          {`Top-${r.top_k.length} of inference ${r.seq} (${r.source === 'blob' ? 'input file' : 'touch canvas'}), model v${r.version}`}
        </caption>
        <thead>
          <tr>
            <th>#</th>
            <th>class</th>
            <th>score</th>
          </tr>
        </thead>
        <tbody>
          {r.top_k.map((t, i) => (
            <tr key={i} data-testid="model-topk-row" data-index={t.index} data-score={t.score}>
              <td>{i + 1}</td>
              <td>{t.index}</td>
              <td>
                <span
                  className="model-topk-bar"
                  style={{ width: `${best > 0 ? (100 * Math.max(0, t.score)) / best : 0}%` }}
                />
                {t.score.toFixed(4)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="model-host-time" data-testid="model-host-time" data-us={r.host_us}>
        Host time{' '}
        <strong>{r.host_us < 1000 ? `${r.host_us.toFixed(1)} µs` : `${(r.host_us / 1000).toFixed(2)} ms`}</strong> per
        inference <small>(WebAssembly on this computer, not a device&apos;s latency)</small>
      </p>
    </div>
  );
}
