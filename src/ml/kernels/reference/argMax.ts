// argMax.ts — the ArgMax reference kernel.

export function argMax(outer: number, axisSize: number, inner: number, input: Int8Array, output: Int32Array): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = 0;
      let bestValue = input[o * axisSize * inner + i]!;
      for (let k = 1; k < axisSize; k++) {
        const v = input[(o * axisSize + k) * inner + i]!;
        if (v > bestValue) {
          bestValue = v;
          best = k;
        }
      }
      output[o * inner + i] = best;
    }
  }
}
