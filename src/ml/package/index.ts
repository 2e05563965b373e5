// The model package: a wasm/nn graph serialized for loading at run time (docs/model-package.md). The body of a
// model image; the firmware's loader is wasm/nn/include/nn/model_loader.h.
export { PACKAGE_MAGIC, PACKAGE_VERSION, LIMITS as PACKAGE_LIMITS } from './packageFormat';
export { writePackage, tensorsOf as packageTensors, type WritePackageOptions } from './writer';
export { readPackage, PackageError, type ModelPackage, type ReadPackageOptions, type SelfTestVector } from './reader';
export { runSelfTest, invokeBytes, type SelfTestResult } from './selfTest';
export { mlpPackage } from './mlpPackage';
