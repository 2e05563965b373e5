// The int8 operators with prepare (validate, precompute multipliers once) and eval (pure reference kernel), one file
// per op family. Twin of wasm/nn/include/nn/ops.h: same checks, same multipliers, same per-op figures (OpStats).
export { Context, Op, type OpStats } from './op';
export * from './fullyConnected';
export * from './elementwise';
export * from './argMax';
export * from './activations';
export * from './reshape';
export * from './quantize';
export * from './conv';
export * from './pooling';
