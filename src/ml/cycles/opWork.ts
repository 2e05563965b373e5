// opWork.ts — what the cycle model needs to know about one op, from the engine's per-layer figures (LayerStats), from
// the firmware's per-layer telemetry, or from an MLP's widths. The cost of an op depends on its kind and shape only
// (kernelCosts.ts); nothing here is fitted.
import type { LayerStats } from '../kernels/graph';
import type { LayerReport } from '../../shared/telemetry/reports';

/** The kernel families whose costs differ (a 1x1 convolution runs CMSIS-NN's dedicated 1x1 kernel). */
export type OpKind = 'conv' | 'pointwise' | 'depthwise' | 'fc' | 'pool' | 'add' | 'softmax' | 'reshape' | 'elementwise';

export interface OpWork {
  op: string;
  kind: OpKind;
  macs: number;
  /** Input elements of the first input (what a pooling window reads in total, what a copy moves). */
  inputElements: number;
  /** Output elements (requantized values written). */
  outputElements: number;
  /** Filter (or pooling window) height and width; 1 for ops without one. */
  kernelH: number;
  kernelW: number;
  /** Innermost dimension of the first input and of the output (NHWC channels, FC depth and units). */
  inChannels: number;
  outChannels: number;
  /** Const weight bytes the op streams from flash. */
  weightBytes: number;
}

const product = (shape: readonly number[]): number => shape.reduce((a, d) => a * d, 1);
const last = (shape: readonly number[]): number => shape[shape.length - 1] ?? 1;

/** The engine's op name and the filter area decide the kernel family. */
export function opKindOf(op: string, kernelArea: number): OpKind {
  switch (op) {
    case 'Conv2D':
      return kernelArea === 1 ? 'pointwise' : 'conv';
    case 'DepthwiseConv2D':
      return 'depthwise';
    case 'FullyConnected':
      return 'fc';
    case 'AveragePool2D':
    case 'MaxPool2D':
      return 'pool';
    case 'Add':
    case 'Sub':
      return 'add';
    case 'Softmax':
      return 'softmax';
    case 'Reshape':
      return 'reshape';
    default:
      return 'elementwise';
  }
}

interface LayerShape {
  op: string;
  inputShape: readonly number[];
  outputShape: readonly number[];
  macs: number;
  weightBytes: number;
  /** [KH, KW] when known (the engine's filter tensor); otherwise derived from the MACs or the shapes. */
  kernel?: readonly [number, number];
}

/**
 * Filter size: from the filter tensor when known; for convolutions otherwise from the MACs (MACs = outputs x KH x
 * KW x input channels, or x 1 for depthwise: only the area is recoverable, reported as KH = area, KW = 1); for
 * pooling the window that tiles the input (exact for global and non-overlapping pooling).
 */
function kernelOf(l: LayerShape, outputElements: number, inChannels: number): [number, number] {
  if (l.kernel) return [l.kernel[0], l.kernel[1]];
  if (l.op === 'Conv2D' || l.op === 'DepthwiseConv2D') {
    const perOutput = l.op === 'Conv2D' ? outputElements * inChannels : outputElements;
    return [perOutput > 0 ? Math.round(l.macs / perOutput) : 1, 1];
  }
  if (opKindOf(l.op, 1) === 'pool' && l.inputShape.length === 4 && l.outputShape.length === 4) {
    return [
      Math.max(1, Math.round(l.inputShape[1]! / l.outputShape[1]!)),
      Math.max(1, Math.round(l.inputShape[2]! / l.outputShape[2]!)),
    ];
  }
  return [1, 1];
}

function opWorkOf(l: LayerShape): OpWork {
  const outputElements = product(l.outputShape);
  const inChannels = last(l.inputShape);
  const [kernelH, kernelW] = kernelOf(l, outputElements, inChannels);
  return {
    op: l.op,
    kind: opKindOf(l.op, kernelH * kernelW),
    macs: l.macs,
    inputElements: product(l.inputShape),
    outputElements,
    kernelH,
    kernelW,
    inChannels,
    outChannels: last(l.outputShape),
    weightBytes: l.weightBytes,
  };
}

/** The engine's per-layer figures as cycle-model input; convolution filters are [Cout|1, KH, KW, Cin|C]. */
export function opWorkFromLayer(layer: LayerStats): OpWork {
  const f = layer.filterShape;
  const hasFilter = (layer.op === 'Conv2D' || layer.op === 'DepthwiseConv2D') && f.length === 4;
  return opWorkOf({ ...layer, kernel: hasFilter ? [f[1]!, f[2]!] : undefined });
}

/** The firmware's per-layer telemetry ("layers" of mnist.inference / mnist.model) as cycle-model input. */
export function opsFromLayers(
  layers: readonly Pick<LayerReport, 'op' | 'macs' | 'input_shape' | 'output_shape' | 'weight_bytes'>[],
): OpWork[] {
  return layers.map((l) =>
    opWorkOf({
      op: l.op,
      inputShape: l.input_shape,
      outputShape: l.output_shape,
      macs: l.macs,
      weightBytes: l.weight_bytes,
    }),
  );
}

/** A stack of fully connected layers given by its widths, e.g. [640, 128, 128, 8, 128, 640]. */
export function mlpOps(widths: readonly number[]): OpWork[] {
  return widths.slice(1).map((units, i) => {
    const depth = widths[i]!;
    return opWorkOf({
      op: 'FullyConnected',
      inputShape: [1, depth],
      outputShape: [1, units],
      macs: depth * units,
      weightBytes: depth * units,
    });
  });
}
