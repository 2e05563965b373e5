// Timing int8 models in the page under test: the firmware's engine (model_bench.wasm) in a dedicated worker, as the
// firmware runs, and tfjs-tflite on the page (loadTflite first). Page-side code is plain script text, so neither the
// bench's TypeScript transform nor Playwright's has to carry helpers into the page.
import type { Page } from '@playwright/test';

export interface PageRun {
  /** Median of the timed samples on the first input, ms per inference (0 unless timed). */
  ms: number;
  /** Per input, the output (int8 values). */
  outputs: Int8Array[];
}

// Warm-up of at least 300 ms (tier-up to TurboFan), then 15 samples of at least 25 ms each: Chromium's clock has
// 0.1 ms resolution outside cross-origin isolation, so a sample spans many of its ticks. Returns the median sample.
const TIME_SOURCE = `(run) => {
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 300 || n < 3) { run(1); n++; }
  const batch = Math.max(1, Math.ceil(25 / ((performance.now() - t0) / n)));
  const samples = [];
  for (let s = 0; s < 15; s++) {
    const t = performance.now();
    run(batch);
    samples.push((performance.now() - t) / batch);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}`;

// The worker: instantiates model_bench.wasm (no import may be called), loads the package, times mb_invoke.
const WORKER_SOURCE = `
const time = ${TIME_SOURCE};
onmessage = async ({ data }) => {
  try {
    const module = await WebAssembly.compile(data.wasm);
    const imports = {};
    for (const i of WebAssembly.Module.imports(module)) {
      (imports[i.module] ??= {})[i.name] = () => { throw new Error('unexpected import ' + i.module + '.' + i.name); };
    }
    const e = (await WebAssembly.instantiate(module, imports)).exports;
    e._initialize?.();
    const mem = () => new Uint8Array(e.memory.buffer);
    const body = e.mb_alloc(data.pkg.length);
    mem().set(data.pkg, body);
    if (e.mb_load(body, data.pkg.length) !== 0) {
      const m = mem();
      let end = e.mb_error();
      while (m[end]) end++;
      throw new Error('model refused: ' + new TextDecoder().decode(m.slice(e.mb_error(), end)));
    }
    const outputs = [];
    let ms = 0;
    for (const input of data.inputs) {
      if (e.mb_input_bytes() !== input.length) throw new Error('input has ' + input.length + ' bytes');
      mem().set(input, e.mb_input());
      const run = (n) => { if (e.mb_invoke(n) !== 0) throw new Error('Invoke failed'); };
      if (data.time && outputs.length === 0) ms = time(run);
      else run(1);
      outputs.push(Array.from(new Int8Array(e.memory.buffer, e.mb_output(), e.mb_output_bytes())));
    }
    postMessage({ ms, outputs });
  } catch (err) {
    postMessage({ error: String(err) });
  }
};`;

const PAGE_SCRIPT = `
globalThis.__benchBytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
globalThis.__benchEngine = (wasm, pkg, inputs, timed) => new Promise((resolve, reject) => {
  const worker = new Worker(URL.createObjectURL(new Blob([${JSON.stringify(WORKER_SOURCE)}], { type: 'text/javascript' })));
  worker.onmessage = ({ data }) => { worker.terminate(); data.error ? reject(new Error(data.error)) : resolve(data); };
  worker.postMessage({ wasm: __benchBytes(wasm), pkg: __benchBytes(pkg), inputs: inputs.map(__benchBytes), time: timed });
});
globalThis.__benchTflite = async (modelB64, inputs, shape, timed) => {
  const time = ${TIME_SOURCE};
  const model = await tflite.loadTFLiteModel(__benchBytes(modelB64).buffer, { numThreads: 1 });
  const outputs = [];
  let ms = 0;
  for (const input of inputs) {
    const x = tf.tensor(Int32Array.from(new Int8Array(__benchBytes(input).buffer)), shape, 'int32');
    let last = null;
    const run = (n) => { for (let i = 0; i < n; i++) { last?.dispose(); last = model.predict(x); } };
    if (timed && outputs.length === 0) ms = time(run);
    else run(1);
    outputs.push(Array.from(last.dataSync()));
    last.dispose();
    x.dispose();
  }
  return { ms, outputs };
};
`;

const b64 = (bytes: Uint8Array | Int8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

async function ensureScript(page: Page): Promise<void> {
  if (!(await page.evaluate(() => '__benchEngine' in globalThis))) await page.addScriptTag({ content: PAGE_SCRIPT });
}

interface PageResult {
  ms: number;
  outputs: number[][];
}
type BenchGlobals = {
  __benchEngine(w: string, p: string, i: string[], t: boolean): Promise<PageResult>;
  __benchTflite(m: string, i: string[], s: readonly number[], t: boolean): Promise<PageResult>;
};
const result = (r: PageResult): PageRun => ({ ms: r.ms, outputs: r.outputs.map((o) => Int8Array.from(o)) });

/** The engine's wasm build (model_bench.wasm) on one model package, in a worker of the page; `timed`: the first input. */
export async function engineInPage(
  page: Page,
  wasm: Uint8Array,
  pkg: Uint8Array,
  inputs: readonly Int8Array[],
  timed: boolean,
): Promise<PageRun> {
  await ensureScript(page);
  const r = await page.evaluate(([w, p, i, t]) => (globalThis as unknown as BenchGlobals).__benchEngine(w, p, i, t), [
    b64(wasm),
    b64(pkg),
    inputs.map(b64),
    timed,
  ] as const);
  return result(r);
}

/** tfjs-tflite (loadTflite must have run on the page) on one .tflite model; `timed`: the first input. */
export async function tfliteInPage(
  page: Page,
  tflite: Uint8Array,
  inputs: readonly Int8Array[],
  shape: readonly number[],
  timed: boolean,
): Promise<PageRun> {
  await ensureScript(page);
  const r = await page.evaluate(([m, i, s, t]) => (globalThis as unknown as BenchGlobals).__benchTflite(m, i, s, t), [
    b64(tflite),
    inputs.map(b64),
    shape,
    timed,
  ] as const);
  return result(r);
}
