// The package loader's test driver (package_driver.cc with wasm/nn and the compiled-in MNIST model), built for
// wasm32-wasip1 with or without -msimd128; shared by package.test.ts and tflite.test.ts.
import { join } from 'node:path';
import { buildDriver, driverFlags, readFlat, ROOT } from '../wasiDriver';

const NN = join(ROOT, 'wasm/nn');
const MODELS = join(ROOT, 'wasm/models');
// Static buffers of the driver are about 13 MiB; the module cannot grow past this.
const MAX_MEMORY = 32 * 1024 * 1024;

export function buildPackageDriver(simd: boolean) {
  const headers = readFlat(join(NN, 'include/nn'), /\.h$/);
  const sources = readFlat(join(NN, 'src'), /\.cc$/);
  const tree = {
    nn: { include: { nn: headers }, src: sources },
    models: { include: readFlat(join(MODELS, 'include'), /\.h$/), src: readFlat(join(MODELS, 'src'), /\.cpp$/) },
    tests: readFlat(join(ROOT, 'wasm/tests/package'), /\.cc$/),
  };
  const args = [
    ...driverFlags(simd),
    '-Inn/include',
    '-Imodels/include',
    ...Object.keys(sources).map((f) => `nn/src/${f}`),
    'models/src/mnist_model.cpp',
    'tests/package_driver.cc',
    `-Wl,--max-memory=${MAX_MEMORY}`,
    '-o',
    'out/package_driver.wasm',
  ];
  return buildDriver('nn-package-test', simd ? 'simd' : 'scalar', 'package_driver', tree, args);
}
