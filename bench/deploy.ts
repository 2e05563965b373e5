// Deploying the MNIST model image over the air, in Node under the same Simulator the page's worker runs: the
// factory board boots, the shipped model is offered again as version 1.1.0 signed with an owner key, and the
// update agent downloads, checks, swaps, self-tests and confirms it. Prints each phase's virtual time (what the
// board's flash, link and secure element take, from their datasheet figures) beside the wall time it took here.
import { readFileSync } from 'node:fs';
import { mnistImage } from '../src/ml/deploy/mnistImage';
import type { Int8MlpArtefact } from '../src/ml/mlp/int8Mlp';
import { FACTORY_PUBLIC_KEY, nobleSigner } from '../src/ota';
import { Board } from '../src/runtime/Board';
import { factoryBoard } from '../src/runtime/factory';
import { Simulator } from '../src/runtime/Simulator';

const FIRMWARE = new URL('../public/firmware/mnist.wasm', import.meta.url);
const FACTORY_IMAGE = new URL('../public/firmware/mnist.factory.img', import.meta.url);
const ARTEFACT = new URL('../src/ml/mnist/model.json', import.meta.url);
const STATES = ['Idle', 'Downloading', 'Downloaded', 'Updating'];

export async function benchDeploy(): Promise<string[]> {
  const owner = nobleSigner(Uint8Array.from({ length: 32 }, (_, i) => i + 1));
  const board = new Board(
    factoryBoard({ factory: FACTORY_PUBLIC_KEY, owner: owner.publicKey }, readFileSync(FACTORY_IMAGE)),
  );
  const sim = await Simulator.load(readFileSync(FIRMWARE), { board });
  const phases: { state: number; atUs: number; wallMs: number }[] = [];
  let result = -1;
  sim.board.telemetry.add((json) => {
    const r = JSON.parse(json) as { type: string; state: number; result: number };
    if (r.type !== 'ota.status') return;
    if (phases.at(-1)?.state !== r.state)
      phases.push({ state: r.state, atUs: sim.clock.nowUs, wallMs: performance.now() });
    result = r.result;
  });
  sim.runFor(1_000_000);
  const artefact = JSON.parse(readFileSync(ARTEFACT, 'utf8')) as Int8MlpArtefact;
  const digits = [new Uint8Array(784), new Uint8Array(784).fill(255)];
  const image = await mnistImage(
    { artefact, selfTestDigits: digits, version: { major: 1, minor: 1, revision: 0, build: 0 }, securityCounter: 1 },
    owner,
  );
  phases.length = 0;
  const t0 = { us: sim.clock.nowUs, ms: performance.now() };
  sim.board.updateLink.offerPackage(image, image.slice(0, 8));
  while (!(phases.length > 1 && phases.at(-1)!.state === 0) && sim.clock.nowUs - t0.us < 120_000_000)
    sim.runFor(100_000);
  if (result !== 1) throw new Error(`the update ended with LwM2M result ${result}`);
  const end = phases.at(-1)!;
  const lines = [`image ${image.length.toLocaleString('en-US')} bytes (MNIST MLP 784-128-64-10 package, signed)`];
  for (let i = 0; i + 1 < phases.length; i++) {
    const [a, b] = [phases[i]!, phases[i + 1]!];
    lines.push(
      `  ${STATES[a.state]!.padEnd(12)} ${((b.atUs - a.atUs) / 1e6).toFixed(2).padStart(7)} s virtual  ${(b.wallMs - a.wallMs).toFixed(0).padStart(6)} ms wall`,
    );
  }
  const virtualS = (end.atUs - t0.us) / 1e6;
  const wallS = (end.wallMs - t0.ms) / 1e3;
  lines.push(
    `deploy, offer to confirmed: ${virtualS.toFixed(2)} s virtual, ${wallS.toFixed(2)} s wall (×${(virtualS / wallS).toFixed(0)} of real time)`,
  );
  return lines;
}
