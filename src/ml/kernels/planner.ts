// planner.ts — arena memory planning (add buffers with lifetimes -> offsets -> required bytes).
// Twin of wasm/nn/include/nn/planner.h + wasm/nn/src/planner.cc: identical offsets for identical problems (checked through the golden vectors).

export const ARENA_ALIGNMENT = 16;

export function alignUp(v: number, a: number): number {
  return Math.ceil(v / a) * a;
}

export interface PlannerBuffer {
  size: number;
  /** First and last op index (inclusive) during which the buffer must hold its data. */
  firstUse: number;
  lastUse: number;
}

export type PlannerStrategy = 'linear' | 'greedy';

export interface Plan {
  offsets: number[];
  /** max(offset + size) over all buffers (0 when empty). */
  requiredBytes: number;
}

function checkBuffer(b: PlannerBuffer, i: number): void {
  if (!(b.size >= 0) || !(b.firstUse >= 0) || !(b.lastUse >= b.firstUse)) {
    throw new Error(`planner: buffer ${i} has an invalid size or lifetime`);
  }
}

function requiredBytes(buffers: readonly PlannerBuffer[], offsets: readonly number[]): number {
  let required = 0;
  buffers.forEach((b, i) => (required = Math.max(required, offsets[i]! + b.size)));
  return required;
}

/** Every buffer gets its own space, in insertion order (no reuse). */
export function planLinear(buffers: readonly PlannerBuffer[]): Plan {
  buffers.forEach(checkBuffer);
  const offsets: number[] = [];
  let next = 0;
  for (const b of buffers) {
    offsets.push(next);
    next = alignUp(next + b.size, ARENA_ALIGNMENT);
  }
  return { offsets, requiredBytes: requiredBytes(buffers, offsets) };
}

function liveTogether(a: PlannerBuffer, b: PlannerBuffer): boolean {
  return a.firstUse <= b.lastUse && b.firstUse <= a.lastUse;
}

/**
 * Greedy by size: buffers in order of size descending (ties by index); each goes to the lowest 16-aligned offset
 * that does not overlap an already placed buffer alive at the same time.
 */
export function planGreedy(buffers: readonly PlannerBuffer[]): Plan {
  buffers.forEach(checkBuffer);
  const order = buffers.map((_, i) => i).sort((x, y) => buffers[y]!.size - buffers[x]!.size || x - y);
  const offsets = new Array<number>(buffers.length).fill(0);
  const placed: number[] = []; // ids sorted by (offset, id)
  for (const id of order) {
    const b = buffers[id]!;
    let candidate = 0;
    for (const p of placed) {
      const pb = buffers[p]!;
      if (!liveTogether(pb, b)) continue;
      if (candidate + b.size <= offsets[p]!) break;
      candidate = Math.max(candidate, alignUp(offsets[p]! + pb.size, ARENA_ALIGNMENT));
    }
    offsets[id] = candidate;
    let j = placed.length;
    while (
      j > 0 &&
      (offsets[placed[j - 1]!]! > candidate || (offsets[placed[j - 1]!]! === candidate && placed[j - 1]! > id))
    )
      j--;
    placed.splice(j, 0, id);
  }
  return { offsets, requiredBytes: requiredBytes(buffers, offsets) };
}

export function plan(strategy: PlannerStrategy, buffers: readonly PlannerBuffer[]): Plan {
  return strategy === 'linear' ? planLinear(buffers) : planGreedy(buffers);
}

/** Pairs of buffers alive at the same time whose (non-empty) byte ranges intersect. Empty for a valid plan. */
export function findOverlaps(buffers: readonly PlannerBuffer[], offsets: readonly number[]): [number, number][] {
  const overlaps: [number, number][] = [];
  for (let i = 0; i < buffers.length; i++) {
    for (let j = i + 1; j < buffers.length; j++) {
      const a = buffers[i]!;
      const b = buffers[j]!;
      if (a.size === 0 || b.size === 0 || !liveTogether(a, b)) continue;
      if (offsets[i]! < offsets[j]! + b.size && offsets[j]! < offsets[i]! + a.size) overlaps.push([i, j]);
    }
  }
  return overlaps;
}
