// src/ml/tflite — import an int8 .tflite model: the typed FlatBuffer reader, the mapping onto the engine's Graph and
// onto a model package, and the per-layer / memory / fit / latency report (docs/tflite.md).
export { TfliteError } from './errors';
export {
  readTflite,
  READER_LIMITS,
  type TfliteModel,
  type TfliteTensor,
  type TfliteOperator,
  type TfliteQuantization,
} from './reader';
export type { TfliteOptions } from './options';
export { importTflite, type ImportedModel, type ImportedLayer } from './importer';
export { packageFromTflite, patternInputs } from './toPackage';
export {
  analyzeTflite,
  reportOf,
  KERNEL_VARIANTS,
  MNIST_FIRMWARE_FOOTPRINT,
  type EngineFootprint,
  type LayerRow,
  type BoardReport,
  type ModelReport,
} from './report';
