// NAB machine-temperature benchmark: the real trace (22,695 five-minute readings, 79 days) replayed through the
// anomaly firmware in fast-forward, in Node, under the same Simulator the browser worker runs. Reports wall time,
// virtual/real ratio and the detector's NAB standard-profile score on that file, computed as NAB does
// (src/ml/anomaly/nabScore.ts), against the published scores. The data stays in ../shared/data/nab.
//
// The firmware learns on the device (no offline model fits an unknown machine): first fit after the 750 readings
// of NAB's probationary period, then a refit every 288 readings (a day) over the last 4,032 (two weeks); k = 6;
// 95 % interval; an alarm at one reading 3.6 sigma off (or a spike and its echo) or 4 outliers in a row, then a
// hold-off of up to 5 readings. These are csvLearningModel()'s settings, which the app pushes for any loaded trace;
// docs/anomaly.md has the sweep behind them.
import { readFileSync } from 'node:fs';
import { nabScore, windowsFromTimestamps, type NabScore } from '../src/ml/anomaly/nabScore';
import { encodeModelBlob, MODEL_BLOB_SLOT, type AnomalyModel } from '../src/ml/anomaly/modelBlob';
import { csvLearningModel } from '../src/ml/anomaly/presets';
import { Board } from '../src/runtime/Board';
import { Simulator } from '../src/runtime/Simulator';
import { CsvSource } from '../src/runtime/streams/CsvSource';
import { parseCsvTrace, parseIsoTime } from '../src/runtime/streams/parseCsvTrace';

const DATA = new URL('../../shared/data/nab/', import.meta.url);
const FILE = 'realKnownCause/machine_temperature_system_failure.csv';
const FIRMWARE = new URL('../public/firmware/anomaly.wasm', import.meta.url);

/** Published raw standard-profile scores on this file (../shared/data/nab/README.md). */
export const PUBLISHED = {
  windowedGaussian: -4.0,
  twitterADVec: -0.24,
  contextOSE: -0.17,
  HTM: 1.36,
  numentaTM: 1.58,
  ARTime: 2.56,
};

export const NAB_CONFIG: AnomalyModel = csvLearningModel(22_695);

export interface NabRun {
  rows: number;
  detections: Uint8Array;
  outliers: number;
  score: NabScore;
  wallMs: number;
  virtualUs: number;
  compression: number;
}

function loadTrace() {
  const parsed = parseCsvTrace(readFileSync(new URL('machine_temperature_system_failure.csv', DATA), 'utf8'));
  if (!parsed.ok) throw new Error(`NAB trace rejected: ${parsed.errors[0].message}`);
  const spec = JSON.parse(readFileSync(new URL('windows.json', DATA), 'utf8'))[FILE] as [string, string][];
  const time = (s: string) => {
    const t = parseIsoTime(s);
    if (typeof t === 'string') throw new Error(t);
    return t;
  };
  const windows = windowsFromTimestamps(
    parsed.trace.t,
    spec.map(([a, b]) => [time(a), time(b)] as const),
  );
  return { trace: parsed.trace, windows };
}

/** Replays the trace through the firmware with `config` and scores the alarms. */
export async function runNab(
  config: AnomalyModel = NAB_CONFIG,
  wasm: BufferSource = readFileSync(FIRMWARE),
): Promise<NabRun> {
  const { trace, windows } = loadTrace();
  const board = new Board();
  const sensor = board.temperature;
  board.blobs.put(MODEL_BLOB_SLOT, encodeModelBlob(config)); // in slot 1 before boot: the firmware starts with it
  const source = new CsvSource(trace);
  sensor.setFeed(source);
  const rows = trace.t.length;
  const detections = new Uint8Array(rows);
  const seen = new Uint16Array(rows);
  let outliers = 0;
  const sim = await Simulator.load(wasm, { board });
  board.telemetry.add((json) => {
    if (!json.startsWith('{"type":"anomaly.sample"')) return;
    const r = JSON.parse(json) as { t_us: number; anomaly: boolean; outlier: boolean };
    const row = source.indexAt(r.t_us);
    seen[row]++;
    if (r.anomaly) detections[row] = 1;
    if (r.outlier) outliers++;
  });
  const t0 = performance.now();
  sim.runFor(source.endUs - 1);
  const wallMs = performance.now() - t0;
  if (sim.runState !== 'running') throw new Error(`firmware stopped: ${sim.fault?.message ?? sim.runState}`);
  const missed = seen.findIndex((n) => n !== 1);
  if (missed >= 0) throw new Error(`row ${missed} was sampled ${seen[missed]} times (expected once)`);
  return {
    rows,
    detections,
    outliers,
    score: nabScore(detections, windows),
    wallMs,
    virtualUs: sim.clock.nowUs,
    compression: source.compression,
  };
}

export async function benchNab(): Promise<{ lines: string[] }> {
  const r = await runNab();
  const s = r.score;
  const f2 = (x: number) => (x >= 0 ? '+' : '') + x.toFixed(2);
  const first = s.firstDetections
    .map((d, i) => (d === null ? 'missed' : `row ${d} (${s.windowScores[i].toFixed(2)})`))
    .join(', ');
  return {
    lines: [
      `NAB machine temperature: ${r.rows.toLocaleString('en')} readings (79 days) through the anomaly firmware in ${(r.wallMs / 1000).toFixed(2)} s wall`,
      `  virtual ${(r.virtualUs / 1e6).toLocaleString('en', { maximumFractionDigits: 0 })} s → ${Math.round(r.virtualUs / 1000 / r.wallMs).toLocaleString('en')}× virtual/real (${Math.round((r.virtualUs / 1000 / r.wallMs) * r.compression).toLocaleString('en')}× the trace's own time)`,
      `  NAB standard score: raw ${f2(s.raw)}, normalised ${s.normalized.toFixed(1)} (null ${s.nullScore.toFixed(1)}, perfect ${f2(s.perfectScore)}); twitterADVec raw ${f2(PUBLISHED.twitterADVec)}, HTM ${f2(PUBLISHED.HTM)}`,
      `  ${s.truePositives}/${s.truePositives + s.falseNegatives} windows detected: ${first}; ${s.falsePositives} false positives (${s.fpScore.toFixed(2)}); ${r.outliers} readings outside the 95% interval`,
    ],
  };
}

// Run directly: npx tsx bench/nab.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  const { lines } = await benchNab();
  console.log(lines.join('\n'));
}
