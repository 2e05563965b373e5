export * from './fixedpoint';
export * from './quantize';
