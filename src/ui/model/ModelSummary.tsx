// What the model is: its name and size, its op and MAC counts, flash and arena, and its inputs and outputs.
import type { ModelTensorInfo } from '../../ml/inspect/inspect';
import type { ImportedModelFile } from '../../state/modelSlice';

const n = (x: number) => x.toLocaleString('en-US');

function quantization(t: ModelTensorInfo): string {
  if (t.scale.length === 0) return 'not quantized';
  if (t.scale.length > 1) return `per-channel, ${t.scale.length} scales`;
  return `scale ${t.scale[0]!.toPrecision(4)}, zero point ${t.zeroPoint[0] ?? 0}`;
}

function Tensors({ title, tensors }: { title: string; tensors: ModelTensorInfo[] }) {
  return (
    <div className="model-io">
      <dt>{title}</dt>
      {tensors.map((t, i) => (
        <dd key={i}>
          <code>{t.type}</code> {t.shape.join('×')} <small>{quantization(t)}</small> <small>{t.name}</small>
        </dd>
      ))}
    </div>
  );
}

export function ModelSummary({ model }: { model: ImportedModelFile }) {
  const { report } = model;
  return (
    <dl className="model-summary" data-testid="model-summary">
      <div>
        <dt>model</dt>
        <dd className="model-name">{model.fileName}</dd>
      </div>
      <div>
        <dt>file</dt>
        <dd>{n(model.bytes.length)} B</dd>
      </div>
      <div>
        <dt>ops</dt>
        <dd data-testid="model-ops">{n(report.totals.ops)}</dd>
      </div>
      <div>
        <dt>multiply-accumulates</dt>
        <dd data-testid="model-macs" data-macs={report.totals.macs}>
          {n(report.totals.macs)}
        </dd>
      </div>
      <div>
        <dt>model in flash</dt>
        <dd data-testid="model-flash" data-bytes={report.totals.flashBytes}>
          {n(report.totals.flashBytes)} B
        </dd>
      </div>
      <div>
        <dt>tensor arena (SRAM)</dt>
        <dd data-testid="model-arena" data-bytes={report.totals.arenaBytes}>
          {n(report.totals.arenaBytes)} B
        </dd>
      </div>
      <Tensors title="inputs" tensors={model.inputs} />
      <Tensors title="outputs" tensors={model.outputs} />
    </dl>
  );
}
