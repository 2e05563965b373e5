// The model-runner firmware (wasm/apps/model_runner) on a virtual board for its specs: a board that trusts an owner
// key, signed model packages offered over its update link, inputs put into blob slot 0, the reports it sends.
import { readFileSync } from 'node:fs';
import { runnerImage } from '../../src/ml/deploy/runnerImage';
import { FACTORY_PUBLIC_KEY, nobleSigner } from '../../src/ota';
import { Board } from '../../src/runtime/Board';
import { factoryBoard } from '../../src/runtime/factory';
import { Simulator } from '../../src/runtime/Simulator';
import type {
  OtaStatusReport,
  RunnerErrorReport,
  RunnerInferenceReport,
  RunnerModelReport,
} from '../../src/shared/telemetry/reports';
import { parseCheckedReport } from './checkedTelemetry';

const OWNER = nobleSigner(Uint8Array.from({ length: 32 }, (_, i) => i + 11));
const wasm = () => readFileSync(new URL('../../public/firmware/model_runner.wasm', import.meta.url));

export interface Runner {
  sim: Simulator;
  models: RunnerModelReport[];
  inferences: RunnerInferenceReport[];
  errors: RunnerErrorReport[];
  statuses: OtaStatusReport[];
  serial: () => string;
}

/** A new board without a model image, trusting the owner key, running the model runner. */
export async function bootRunner(): Promise<Runner> {
  const board = new Board(factoryBoard({ factory: FACTORY_PUBLIC_KEY, owner: OWNER.publicKey }));
  const sim = await Simulator.load(wasm(), { board });
  const r: Runner = { sim, models: [], inferences: [], errors: [], statuses: [], serial: () => out };
  let out = '';
  sim.board.serial.addOutputListener((b) => (out += new TextDecoder().decode(b)));
  sim.board.telemetry.add((json) => {
    const report = parseCheckedReport<{ type: string }>(json);
    if (report.type === 'model_runner.model') r.models.push(report as RunnerModelReport);
    else if (report.type === 'model_runner.inference') r.inferences.push(report as RunnerInferenceReport);
    else if (report.type === 'model_runner.error') r.errors.push(report as RunnerErrorReport);
    else if (report.type === 'ota.status') r.statuses.push(report as OtaStatusReport);
  });
  sim.runFor(1_000_000);
  return r;
}

let etag = 0;

/** Signs `body` as version 1.`minor`.0, offers it and runs until the update agent is idle again. */
export async function install(r: Runner, body: Uint8Array, minor: number): Promise<OtaStatusReport> {
  const image = await runnerImage(
    { body, version: { major: 1, minor, revision: 0, build: 0 }, securityCounter: 1 },
    OWNER,
  );
  const before = r.statuses.length;
  r.sim.board.updateLink.offerPackage(image, Uint8Array.of(++etag, 0, 0, 0, 0, 0, 0, 0));
  for (let i = 0; i < 1200; i++) {
    r.sim.runFor(100_000);
    const fresh = r.statuses.slice(before);
    const last = fresh.at(-1);
    // Done when back to idle after working on it, or idle at once with a failure (an offer too large for the slot).
    if (last?.state === 0 && (fresh.some((s) => s.state !== 0) || last.result > 1)) return last;
  }
  throw new Error('the update did not finish in 120 s of virtual time');
}

/** Puts `input` into blob slot 0 and returns the inference report (or the error) it led to. */
export function runInput(r: Runner, input: Uint8Array): RunnerInferenceReport | RunnerErrorReport {
  const [inferences, errors] = [r.inferences.length, r.errors.length];
  r.sim.board.blobs.put(0, input);
  r.sim.runFor(1_000);
  const report = r.inferences[inferences] ?? r.errors[errors];
  if (!report) throw new Error('the runner sent no report for the input');
  return report;
}
