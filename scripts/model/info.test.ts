// npm run model -- info, spawned as a process on the KWS fixture: the text table, --json figures, --board, and the
// errors (unknown board, corrupt file, bad usage) with exit code 1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BOARDS } from '../../src/ml/cycles/boards';
import { MLPERF_DIR, readFixture } from '../../src/ml/tflite/fixtures';

const ROOT = new URL('../../', import.meta.url).pathname;
const KWS = join(MLPERF_DIR, 'kws_ref_model.tflite');
const dir = mkdtempSync(join(tmpdir(), 'model-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function model(...args: string[]) {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/model-cli.ts'), ...args], {
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run model -- info', () => {
  it('prints the layer table, the memory breakdown and a row per board', () => {
    const r = model('info', KWS);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^kws_ref_model\.tflite: 13 ops, 2,656,768 MACs, flash [\d,]+ bytes, arena 20,688 bytes/);
    expect(r.out).toMatch(/\n 0 {2}CONV_2D +reference +1x49x10x1 +1x25x5x64 +320,000 +2,560 +512 +8,000 +0\.\.1\n/);
    expect(r.out).toMatch(/\nSRAM: {2}arena 16,000, persistent 4,688, runtime [\d,]+, stack [\d,]+\n/);
    for (const b of BOARDS) expect(r.out).toMatch(new RegExp(`\\n${b.id} +(yes|no)`));
  }, 60_000);

  it('--json gives ops, macs, flash_bytes, arena_bytes and latency_ms per board and kernel', () => {
    const r = model('info', KWS, '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ ops: 13, macs: 2_656_768, arena_bytes: 20_688 });
    expect(j.flash_bytes).toBeGreaterThan(26_716);
    expect(Object.keys(j.latency_ms)).toEqual(BOARDS.map((b) => b.id));
    expect(Object.keys(j.latency_ms['nucleo-l4r5zi'])).toEqual(['reference', 'cmsis-nn']);
    expect(j.layers).toHaveLength(13);
  }, 60_000);

  it('--board keeps one board', () => {
    const j = JSON.parse(model('info', KWS, '--json', '--board', 'nucleo-l4r5zi').out);
    expect(Object.keys(j.latency_ms)).toEqual(['nucleo-l4r5zi']);
    expect(Object.keys(j.fits)).toEqual(['nucleo-l4r5zi']);
  }, 60_000);

  it('an unknown board, a corrupt file, a missing file and bad usage exit with 1 and say why', () => {
    const board = model('info', KWS, '--board', 'nope');
    expect(board.code).toBe(1);
    expect(board.err).toMatch(/^model info: unknown board "nope" \(boards: disco-f413zh, /);
    const truncated = join(dir, 'truncated.tflite');
    writeFileSync(truncated, readFixture('kws_ref_model.tflite').subarray(0, 1000));
    const corrupt = model('info', truncated);
    expect(corrupt.code).toBe(1);
    expect(corrupt.err).toMatch(/^model info: .*truncated\.tflite: .*lies outside the file \(1000 bytes\)/);
    const missing = model('info', join(dir, 'missing.tflite'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^model info: cannot read .*missing\.tflite/);
    expect(model('info').code).toBe(1);
    expect(model('frobnicate').code).toBe(1);
  }, 60_000);
});
