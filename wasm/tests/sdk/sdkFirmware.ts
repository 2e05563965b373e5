// Shared by the SDK class specs: a small Mbed-style C++ test firmware, compiled once per spec against the SDK that
// `npm run build:firmware` wrote to public/sdk, run in Node under the Simulator on virtual time.
import type { LedName } from '../../../src/runtime/Board';
import { Simulator, type SimulatorOptions } from '../../../src/runtime/Simulator';
import { compileSdkFirmware } from '../../../src/toolchain/testing/compileForTest';

export interface TestBoard {
  sim: Simulator;
  /** Everything the firmware printed so far. */
  serial: () => string;
  /** Virtual time (µs) of every change of each LED. */
  ledChanges: Record<LedName, number[]>;
}

/** Compiles `source` and boots it (on `options.board`, e.g. one that kept its flash from an earlier run). */
export async function bootFirmware(source: string, options: SimulatorOptions = {}): Promise<TestBoard> {
  const sim = await Simulator.load(await compileSdkFirmware(source), options);
  let out = '';
  sim.board.serial.addOutputListener((b) => (out += new TextDecoder().decode(b)));
  const ledChanges = { LED1: [], LED2: [], LED3: [], LED4: [] } as Record<LedName, number[]>;
  for (const [name, led] of Object.entries(sim.board.leds)) {
    led.addListener(() => ledChanges[name as LedName].push(sim.clock.nowUs));
  }
  return { sim, serial: () => out, ledChanges };
}

/** The numbers of the last line that starts with `label`, e.g. `elapsed 100002 3`. */
export function lastReport(serial: string, label: string): number[] {
  const lines = serial.split('\n').filter((l) => l.startsWith(`${label} `));
  if (lines.length === 0) throw new Error(`no "${label}" line in:\n${serial}`);
  return lines[lines.length - 1]
    .slice(label.length + 1)
    .trim()
    .split(/\s+/)
    .map(Number);
}
