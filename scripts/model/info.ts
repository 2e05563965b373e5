// npm run model -- info <file.tflite> [--board <id>] [--json]: imports the .tflite with src/ml/tflite and prints the
// per-layer table, the totals and memory breakdown, the fit verdict and the estimated latency per board and kernel
// variant (one board with --board); --json prints the same as JSON (ops, macs, flash_bytes, arena_bytes,
// latency_ms per board and kernel, fits, memory, layers). Exit code 1 on a bad file, an unknown board or bad usage.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { BOARDS } from '../../src/ml/cycles/boards';
import {
  analyzeTflite,
  KERNEL_VARIANTS,
  MNIST_FIRMWARE_FOOTPRINT,
  TfliteError,
  type BoardReport,
  type ModelReport,
} from '../../src/ml/tflite';

const USAGE = 'usage: npm run model -- info <file.tflite> [--board <id>] [--json]';

const n = (v: number) => v.toLocaleString('en-US');
const shape = (s: readonly number[]) => s.join('x') || 'scalar';

function table(rows: string[][], rightAligned: ReadonlySet<number>): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) =>
      r.map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  '),
    )
    .map((line) => line.trimEnd())
    .join('\n');
}

function text(r: ModelReport, boards: readonly BoardReport[]): string {
  const layers = table(
    [
      ['#', 'op', 'kernel', 'input', 'output', 'MACs', 'weights', 'quant', 'output B', 'arena life'],
      ...r.layers.map((l) => [
        String(l.operatorIndex),
        l.op,
        l.kernel,
        shape(l.inputShape),
        shape(l.outputShape),
        n(l.macs),
        n(l.weightBytes),
        n(l.quantParamBytes),
        n(l.outputBytes),
        `${l.firstUse}..${l.lastUse}`,
      ]),
    ],
    new Set([0, 5, 6, 7, 8]),
  );
  const { sram, flash } = r.memory;
  const fits = table(
    [
      ['board', 'fits', 'flash needed / has', 'SRAM needed / has', ...KERNEL_VARIANTS.map((k) => `${k} ms`)],
      ...boards.map((b) => [
        b.boardId,
        b.fit.fits
          ? 'yes'
          : `no (${[!b.fit.flash.fits && 'flash', !b.fit.sram.fits && 'SRAM'].filter(Boolean).join(', ')})`,
        `${n(b.fit.flash.needed)} / ${n(b.fit.flash.available)}`,
        `${n(b.fit.sram.needed)} / ${n(b.fit.sram.available)}`,
        ...KERNEL_VARIANTS.map((k) => b.latencyMs[k].toFixed(1)),
      ]),
    ],
    new Set([2, 3, 4, 5]),
  );
  return [
    `${r.name}: ${r.totals.ops} ops, ${n(r.totals.macs)} MACs, flash ${n(r.totals.flashBytes)} bytes, arena ${n(r.totals.arenaBytes)} bytes`,
    '',
    layers,
    '',
    `SRAM:  arena ${n(sram.arena)}, persistent ${n(sram.persistent)}, runtime ${n(sram.runtime)}, stack ${n(sram.stack)}`,
    `flash: weights ${n(flash.weights)}, quantization parameters ${n(flash.quantParams)}, graph ${n(flash.graph)}, code ${n(flash.code)}`,
    `(firmware figures: ${r.footprint.source})`,
    '',
    fits,
  ].join('\n');
}

function json(r: ModelReport, boards: readonly BoardReport[]): string {
  return JSON.stringify(
    {
      name: r.name,
      ops: r.totals.ops,
      macs: r.totals.macs,
      flash_bytes: r.totals.flashBytes,
      arena_bytes: r.totals.arenaBytes,
      latency_ms: Object.fromEntries(boards.map((b) => [b.boardId, b.latencyMs])),
      fits: Object.fromEntries(boards.map((b) => [b.boardId, b.fit])),
      memory: r.memory,
      footprint: r.footprint,
      layers: r.layers,
    },
    null,
    2,
  );
}

export async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { board: { type: 'string' }, json: { type: 'boolean' } },
      allowPositionals: true,
    });
  } catch (e) {
    console.error(`model info: ${(e as Error).message}\n${USAGE}`);
    return 1;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) {
    console.error(USAGE);
    return 1;
  }
  const boardId = parsed.values.board;
  if (boardId !== undefined && !BOARDS.some((b) => b.id === boardId)) {
    console.error(`model info: unknown board "${boardId}" (boards: ${BOARDS.map((b) => b.id).join(', ')})`);
    return 1;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    console.error(`model info: cannot read ${file}: ${(e as Error).message}`);
    return 1;
  }
  let report: ModelReport;
  try {
    report = analyzeTflite(bytes, { name: basename(file), footprint: MNIST_FIRMWARE_FOOTPRINT });
  } catch (e) {
    if (!(e instanceof TfliteError)) throw e;
    console.error(`model info: ${file}: ${e.message}`);
    return 1;
  }
  const boards = report.boards.filter((b) => boardId === undefined || b.boardId === boardId);
  console.log(parsed.values.json ? json(report, boards) : text(report, boards));
  return 0;
}
