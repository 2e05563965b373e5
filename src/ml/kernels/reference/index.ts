// Pure int8 reference kernels (TFLite Micro reference_integer_ops semantics), one file per op family like ../ops.
// Twin of wasm/nn/include/nn/reference_ops.h + wasm/nn/src/reference_ops.cc: same parameter structs, same loops, same
// results bit for bit.
export * from './fullyConnected';
export * from './elementwise';
export * from './argMax';
export * from './activations';
export * from './quantize';
export * from './conv';
export * from './pooling';
export * from './padding';
