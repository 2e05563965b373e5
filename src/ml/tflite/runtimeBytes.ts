// runtimeBytes.ts — the SRAM the firmware's model loader (nn::LoadModel, wasm/nn/src/model_loader.cc) takes from its
// pool for one model: the Graph object, one nn::Tensor per tensor record, the op pointer list and one object per op,
// each block 16-byte aligned. The sizes are wasm32 sizeof figures of the -msimd128 build; wasm/tests/package/
// tflite.test.ts compares them with the driver's sizeof and the loader's pool_bytes, so a drift fails there.
import type { Graph } from '../kernels/graph';
import type { Tensor } from '../kernels/tensor';

export const POOL_OBJECT_BYTES = {
  Graph: 5244,
  Tensor: 52,
  OpPointer: 4,
  ops: {
    FullyConnected: 72,
    Conv2D: 132,
    DepthwiseConv2D: 140,
    MaxPool2D: 104,
    AveragePool2D: 104,
    Add: 128,
    Sub: 128,
    Minimum: 76,
    Maximum: 76,
    Relu: 52,
    Relu6: 52,
    Reshape: 24,
    Quantize: 40,
    Dequantize: 24,
    Softmax: 48,
    ArgMax: 40,
  } as Readonly<Record<string, number>>,
} as const;

const POOL_ALIGNMENT = 16;
const align = (v: number) => Math.ceil(v / POOL_ALIGNMENT) * POOL_ALIGNMENT;

/** Pool bytes nn::LoadModel needs for the package of this graph (its tensors are those the ops name). */
export function loaderPoolBytes(graph: Graph): number {
  const tensors = new Set<Tensor>();
  for (const op of graph.ops) for (const t of [...op.inputs, op.output]) if (t) tensors.add(t);
  let bytes =
    align(POOL_OBJECT_BYTES.Graph) +
    align(POOL_OBJECT_BYTES.Tensor * tensors.size) +
    align(POOL_OBJECT_BYTES.OpPointer * graph.ops.length);
  for (const op of graph.ops) {
    const size = POOL_OBJECT_BYTES.ops[op.name];
    if (size === undefined) throw new Error(`runtimeBytes: no pool size for op ${op.name}`);
    bytes += align(size);
  }
  return bytes;
}
