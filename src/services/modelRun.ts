// Running an imported .tflite on the board (docs/model-runner.md): "Run on board" makes the model's package, opens
// the model-runner demo if another one is on screen, and deploys the package as a signed image (the Device tab's
// path: signed with this profile's key, offered over the update link; the board's agent verifies, installs,
// self-tests and confirms it). Inputs go to the firmware's blob slot 0.
import { elementsOf, type InputSpec } from '../ml/modelInputs';
import { packageFromTflite, type ImportedModel } from '../ml/tflite';
import { useStore } from '../state/store';
import { deployModel } from './deploy';
import { firmware, openDemo } from './session';

export const RUNNER_DEMO = 'model_runner';
/** The blob slot the model runner reads input tensors from (wasm/apps/model_runner/main.cpp). */
export const RUNNER_INPUT_SLOT = 0;

/** The int8 input an imported model takes, or why the runner cannot feed it. */
export function runnerInputSpec(imported: ImportedModel): InputSpec | string {
  if (imported.inputs.length !== 1) return `the model has ${imported.inputs.length} inputs; the runner feeds one`;
  const t = imported.inputs[0]!;
  if (t.dtype !== 'int8') return `the model's input is ${t.dtype}; the runner feeds int8 inputs`;
  return { shape: t.shape, scale: t.quant.scale, zeroPoint: t.quant.zeroPoint };
}

export async function runOnBoard(imported: ImportedModel): Promise<void> {
  const store = useStore.getState();
  let body: Uint8Array;
  try {
    body = packageFromTflite(imported);
  } catch (e) {
    store.setDeployNote(`Cannot run it: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  if (store.appName !== RUNNER_DEMO) await openDemo(RUNNER_DEMO);
  if (useStore.getState().appName !== RUNNER_DEMO) return; // the demo could not be opened: the page says why
  await deployModel({ demo: RUNNER_DEMO, body });
}

/** Sends one input tensor (the model's input layout) to the running model runner. */
export function sendModelInput(input: Int8Array, spec: InputSpec): void {
  if (input.length !== elementsOf(spec))
    throw new Error(`input of ${input.length} values, the model takes ${elementsOf(spec)}`);
  firmware.putBlob(RUNNER_INPUT_SLOT, new Uint8Array(input.buffer, input.byteOffset, input.byteLength));
}
