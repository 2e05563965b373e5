// npm run gen:contracts — writes the C++ headers generated from TypeScript contract descriptions, one per line
// below: the anomaly model blob layout (src/ml/anomaly/modelBlob.ts), the golden-record format
// (src/ml/golden/format.ts), the model package format (src/ml/package/packageFormat.ts), the board's flash map
// (src/runtime/peripherals/flashMap.ts) and the signed model image format (src/ota/imageFormat.ts). Tests fail when
// a committed header differs from what this writes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateModelBlobHeader, MODEL_BLOB_HEADER_PATH } from '../src/ml/anomaly/modelBlobHeader';
import { generateGoldenFormatHeader, GOLDEN_FORMAT_HEADER_PATH } from '../src/ml/golden/formatHeader';
import { generatePackageHeader, PACKAGE_HEADER_PATH } from '../src/ml/package/packageHeader';
import { FLASH_MAP_HEADER_PATH, generateFlashMapHeader } from '../src/runtime/peripherals/flashMapHeader';
import { generateImageFormatHeader, IMAGE_FORMAT_HEADER_PATH } from '../src/ota/imageFormatHeader';
import { ROOT } from './firmwareSources';

for (const [path, text] of [
  [MODEL_BLOB_HEADER_PATH, generateModelBlobHeader()],
  [GOLDEN_FORMAT_HEADER_PATH, generateGoldenFormatHeader()],
  [PACKAGE_HEADER_PATH, generatePackageHeader()],
  [FLASH_MAP_HEADER_PATH, generateFlashMapHeader()],
  [IMAGE_FORMAT_HEADER_PATH, generateImageFormatHeader()],
] as const) {
  writeFileSync(join(ROOT, path), text);
  console.log(`wrote ${path}`);
}
