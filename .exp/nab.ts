import { readFileSync } from 'node:fs';
import { commands } from '@yowasp/clang';
import { buildFirmware } from '../src/toolchain/firmwareBuilder';
import { APP_COMPILE_FLAGS } from '../src/toolchain/flags';
import { listApps } from '../scripts/firmwareSources';
import { runNab } from '../bench/nab';
import type { SdkManifest } from '../src/shared/manifests';
const dir = new URL('../public/sdk/', import.meta.url);
const m = JSON.parse(readFileSync(new URL('sdk.json', dir), 'utf8')) as SdkManifest;
const sdk = { headers: m.headers, libraries: Object.fromEntries(m.libraries.map((l) => [l, new Uint8Array(readFileSync(new URL(l, dir)))])) };
const app = listApps().find((a) => a.name === 'anomaly')!;
const saved = [...APP_COMPILE_FLAGS];
const withChecks = await buildFirmware(commands as any, sdk, app.sources);
APP_COMPILE_FLAGS.splice(0);
const without = await buildFirmware(commands as any, sdk, app.sources);
APP_COMPILE_FLAGS.push(...saved);
if (!withChecks.ok || !without.ok) throw new Error('build');
console.log('sizes', withChecks.wasm.length, without.wasm.length);
for (let r = 0; r < 2; r++) {
  const a = await runNab(undefined, withChecks.wasm); const b = await runNab(undefined, without.wasm);
  console.log('NAB wall ms with checks', a.wallMs.toFixed(0), 'without', b.wallMs.toFixed(0));
}
