// The memory breakdown chart's geometry: SRAM and flash as two stacked bars on one byte scale, so their lengths
// compare (as Figure 1 of the MicroNets article draws them), and each op's arena lifetime on the op-index axis.
import type { ModelReport } from '../../ml/tflite/report';

export type SegmentKey = 'arena' | 'persistent' | 'runtime' | 'stack' | 'weights' | 'quantParams' | 'graph' | 'code';

export interface Segment {
  key: SegmentKey;
  label: string;
  bytes: number;
  /** Where the segment starts and how long it is, as fractions of the chart's scale (0–1). */
  start: number;
  width: number;
}

export interface MemoryBar {
  label: 'SRAM' | 'Flash';
  total: number;
  segments: Segment[];
}

const SRAM: [SegmentKey, string][] = [
  ['arena', 'tensor arena'],
  ['persistent', 'persistent buffers'],
  ['runtime', 'runtime'],
  ['stack', 'stack'],
];
const FLASH: [SegmentKey, string][] = [
  ['weights', 'weights'],
  ['quantParams', 'quantization parameters'],
  ['graph', 'graph'],
  ['code', 'code'],
];

/** The two bars, scaled to the larger total. */
export function memoryBars(memory: ModelReport['memory']): MemoryBar[] {
  const parts = (label: MemoryBar['label'], keys: [SegmentKey, string][], bytes: Record<string, number>) => ({
    label,
    keys,
    bytes: keys.map(([k]) => bytes[k] ?? 0),
  });
  const sram = parts('SRAM', SRAM, memory.sram);
  const flash = parts('Flash', FLASH, memory.flash);
  const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
  const scale = Math.max(sum(sram.bytes), sum(flash.bytes), 1);
  return [sram, flash].map(({ label, keys, bytes }) => {
    let at = 0;
    const segments = keys.map(([key, name], i) => {
      const b = bytes[i]!;
      const s = { key, label: name, bytes: b, start: at / scale, width: b / scale };
      at += b;
      return s;
    });
    return { label, total: at, segments };
  });
}

/** The span from an op's first to its last use on an axis of `ops` op indices, as fractions (0–1). */
export function lifetimeSpan(firstUse: number, lastUse: number, ops: number): { start: number; width: number } {
  const n = Math.max(ops, 1);
  const first = Math.min(Math.max(firstUse, 0), n - 1);
  const last = Math.min(Math.max(lastUse, first), n - 1);
  return { start: first / n, width: (last - first + 1) / n };
}
