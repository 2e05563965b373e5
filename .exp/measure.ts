import { readFileSync } from 'node:fs';
import { commands } from '@yowasp/clang';
import { Simulator } from '../src/runtime/Simulator';
import { buildFirmware } from '../src/toolchain/firmwareBuilder';
import { APP_COMPILE_FLAGS } from '../src/toolchain/flags';
import { image } from '../src/ml/mnist/dataset';
import { loadDigitSet } from '../src/ml/mnist/files';
import { listApps } from '../scripts/firmwareSources';
import type { SdkManifest } from '../src/shared/manifests';
const dir = new URL('../public/sdk/', import.meta.url);
const m = JSON.parse(readFileSync(new URL('sdk.json', dir), 'utf8')) as SdkManifest;
const sdk = { headers: m.headers, libraries: Object.fromEntries(m.libraries.map((l) => [l, new Uint8Array(readFileSync(new URL(l, dir)))])) };
const app = listApps().find((a) => a.name === 'mnist')!;
async function micros(wasm: Uint8Array) {
  const sim = await Simulator.load(wasm);
  const host: number[] = [];
  sim.board.telemetry.add((json) => { const r = JSON.parse(json); if (r.type === 'mnist.inference') host.push(r.host_us); });
  sim.runFor(20_000);
  const test = loadDigitSet('test');
  for (let i = 0; i < 200; i++) { sim.board.blobs.put(0, image(test, i)); sim.runFor(1_000); }
  host.sort((a, b) => a - b);
  return host[host.length >> 1];
}
const saved = [...APP_COMPILE_FLAGS];
const withChecks = await buildFirmware(commands as any, sdk, app.sources);
APP_COMPILE_FLAGS.splice(0);
const without = await buildFirmware(commands as any, sdk, app.sources);
APP_COMPILE_FLAGS.push(...saved);
if (!withChecks.ok || !without.ok) throw new Error('build');
console.log('sizes', withChecks.wasm.length, without.wasm.length);
for (let r = 0; r < 3; r++) console.log('median us/inference with checks', (await micros(withChecks.wasm)).toFixed(2), 'without', (await micros(without.wasm)).toFixed(2));
