// clamp.ts — the saturation every reference kernel ends with.

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
