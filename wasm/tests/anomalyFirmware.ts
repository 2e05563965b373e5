// The anomaly firmware (wasm/apps/anomaly) on the virtual board, in virtual time, for its specs: SHT31 on the I2C
// bus fed by the stream sources, model blobs in slot 1.
import { readFileSync } from 'node:fs';
import { Board } from '../../src/runtime/Board';
import { Simulator } from '../../src/runtime/Simulator';
import type { StreamSource } from '../../src/runtime/streams/StreamSource';
import type { AnomalySampleReport } from '../../src/shared/telemetry/reports';
import { parseCheckedReport } from './checkedTelemetry';

export const S = 1_000_000;
export const wasm = readFileSync(new URL('../../public/firmware/anomaly.wasm', import.meta.url));

export async function boot(source: StreamSource, board = new Board()) {
  const sim = await Simulator.load(wasm, { board });
  const sensor = sim.board.temperature;
  sensor.setFeed(source);
  let out = '';
  sim.board.serial.addOutputListener((b) => (out += new TextDecoder().decode(b)));
  const samples: AnomalySampleReport[] = [];
  const models: Record<string, unknown>[] = [];
  sim.board.telemetry.add((json) => {
    const r = parseCheckedReport<{ type: string }>(json);
    if (r.type === 'anomaly.sample') samples.push(r as AnomalySampleReport);
    else if (r.type === 'anomaly.model') models.push(r);
  });
  return { sim, sensor, samples, models, serial: () => out };
}

export const readingOf = (tUs: number) => Math.floor(tUs / S);
export const K = 6; // readings the compiled-in model looks back

export function readDefaultBlob(): Uint8Array {
  const text = readFileSync(new URL('../apps/anomaly/default_model.h', import.meta.url), 'utf8');
  const body = text.slice(text.indexOf('{') + 1, text.lastIndexOf('}'));
  return Uint8Array.from(body.match(/0x[0-9a-f]{2}/g)!.map((h) => parseInt(h, 16)));
}
