// The TS reference int8 engine: tensors, pure kernels, ops (prepare/eval), planner and graph.
// Twin of wasm/nn (C++); the shared golden vectors in wasm/tests/nn/golden prove bit-exact agreement.
export * from './tensor';
export * as ref from './reference';
export type { Padding } from './reference';
export * from './ops';
export * from './planner';
export * from './graph';
