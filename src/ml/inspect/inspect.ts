// What the Model tab shows of a .tflite file: the report (per-layer rows, totals, memory, fits and latency per
// board) and the model's inputs and outputs. Pure: the page runs it in a worker, the tests in Node.
import { readTflite, type TfliteTensor } from '../tflite';
import { analyzeTflite, type EngineFootprint, type ModelReport } from '../tflite/report';

/** One of the model's input or output tensors, as the summary shows it. */
export interface ModelTensorInfo {
  name: string;
  type: string;
  shape: number[];
  /** Per-tensor quantization has one scale and zero point; per-channel one per channel; none, none. */
  scale: number[];
  zeroPoint: number[];
}

export interface ModelInspection {
  report: ModelReport;
  inputs: ModelTensorInfo[];
  outputs: ModelTensorInfo[];
}

const tensorInfo = (t: TfliteTensor): ModelTensorInfo => ({
  name: t.name,
  type: t.type,
  shape: t.shape,
  scale: t.quantization ? Array.from(t.quantization.scales) : [],
  zeroPoint: t.quantization ? t.quantization.zeroPoints : [],
});

/** Throws TfliteError for a file the engine cannot run, naming the operator where one is involved. */
export function inspectTflite(bytes: Uint8Array, name: string, footprint: EngineFootprint): ModelInspection {
  const report = analyzeTflite(bytes, { name, footprint });
  const model = readTflite(bytes);
  return {
    report,
    inputs: model.inputs.map((i) => tensorInfo(model.tensors[i]!)),
    outputs: model.outputs.map((i) => tensorInfo(model.tensors[i]!)),
  };
}
