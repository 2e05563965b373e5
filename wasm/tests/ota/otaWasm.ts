// Builds wasm/ota with its test driver (ota_test_driver.cc) as a wasm32-wasip1 reactor with the SDK's compile flags,
// memoised in .cache/ota-test by content hash, and wraps the driver's exports for the specs beside it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import { commands } from '@yowasp/clang';
import { COMPILE_FLAGS } from '../../../src/toolchain/flags';

const ROOT = new URL('../../../', import.meta.url).pathname;
const CACHE = join(ROOT, '.cache/ota-test');

type Tree = { [name: string]: Tree | string | Uint8Array };

const readDir = (dir: string, match: RegExp) =>
  Object.fromEntries(
    readdirSync(dir)
      .filter((n) => match.test(n))
      .sort()
      .map((n) => [n, readFileSync(join(dir, n), 'utf8')]),
  );

export interface OtaBuild {
  wasm: Uint8Array;
  log: string;
}

export async function buildOtaTest(): Promise<OtaBuild> {
  const headers = readDir(join(ROOT, 'wasm/ota/include/ota'), /\.h$/);
  const sources = readDir(join(ROOT, 'wasm/ota/src'), /\.cc$/);
  const driver = readDir(join(ROOT, 'wasm/tests/ota'), /\.cc$/);
  const args = [
    ...COMPILE_FLAGS,
    '-mexec-model=reactor',
    '-Iota/include',
    ...Object.keys(sources).map((f) => `ota/src/${f}`),
    ...Object.keys(driver).map((f) => `tests/${f}`),
    '-o',
    'out/ota_test.wasm',
  ];
  const hash = createHash('sha256')
    .update(JSON.stringify([args, headers, sources, driver]))
    .digest('hex')
    .slice(0, 16);
  const cached = join(CACHE, `${hash}.wasm`);
  if (existsSync(cached))
    return { wasm: new Uint8Array(readFileSync(cached)), log: readFileSync(`${cached}.log`, 'utf8') };
  let log = '';
  const decoder = new TextDecoder();
  const collect = (bytes: Uint8Array | null) => {
    if (bytes) log += decoder.decode(bytes, { stream: true });
  };
  const tree: Tree = { ota: { include: { ota: headers }, src: sources }, tests: driver, out: {} };
  let result: Tree | undefined;
  try {
    result = (await commands['clang++'](args, tree, { stdout: collect, stderr: collect })) as Tree | undefined;
  } catch (e) {
    throw new Error(`clang++ failed:\n${log}`, { cause: e });
  }
  const wasm = (result?.out as Tree | undefined)?.['ota_test.wasm'];
  if (!(wasm instanceof Uint8Array)) throw new Error(`no ota_test.wasm:\n${log}`);
  mkdirSync(CACHE, { recursive: true });
  for (const old of readdirSync(CACHE)) rmSync(join(CACHE, old), { force: true });
  writeFileSync(cached, wasm);
  writeFileSync(`${cached}.log`, log);
  return { wasm, log };
}

interface Exports {
  memory: WebAssembly.Memory;
  test_input(): number;
  test_input_bytes(): number;
  test_keys(): number;
  test_target(): number;
  test_output(): number;
  test_reads(): number;
  test_read_bytes(): number;
  test_out_of_range(): number;
  test_fail_read(n: number): void;
  test_inspect(size: number, keyCount: number, minCounter: number, withTarget: number, payloadMask: number): number;
  test_sha_init(): void;
  test_sha_update(offset: number, len: number): void;
  test_sha_final(): void;
  test_sha_hash(len: number): void;
  test_der_to_raw(len: number): number;
}

export interface CppInfo {
  version: { major: number; minor: number; revision: number; build: number };
  securityCounter: number;
  payloadType: number;
  headerSize: number;
  bodyOffset: number;
  bodySize: number;
  hashedSize: number;
  imageSize: number;
  digest: Uint8Array;
  keyHash: Uint8Array;
  signatureRaw: Uint8Array;
  target: string;
}

export interface CppPolicy {
  trustedKeyHashes: readonly Uint8Array[];
  minSecurityCounter?: number;
  target?: string;
  payloadTypes?: readonly number[];
}

/** The driver, instantiated: each call copies its input into the module's memory. */
export class OtaDriver {
  private constructor(private readonly x: Exports) {}

  static async load(wasm: Uint8Array): Promise<OtaDriver> {
    const wasi = new WASI({ version: 'preview1', returnOnExit: true });
    const module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
    const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
    wasi.initialize(instance);
    return new OtaDriver(instance.exports as unknown as Exports);
  }

  get inputBytes(): number {
    return this.x.test_input_bytes();
  }

  private view(ptr: number, len: number): Uint8Array {
    return new Uint8Array(this.x.memory.buffer, ptr, len);
  }

  setInput(bytes: Uint8Array, offset = 0): void {
    if (offset + bytes.length > this.inputBytes) throw new Error(`input of ${bytes.length} bytes does not fit`);
    this.view(this.x.test_input() + offset, bytes.length).set(bytes);
  }

  /** The verdict number, the info on kOk, and what the reader read; the read numbered `failRead` (0-based) fails. */
  inspect(image: Uint8Array, policy: CppPolicy, failRead = 0xffffffff) {
    this.x.test_fail_read(failRead);
    this.setInput(image);
    policy.trustedKeyHashes.forEach((k, i) => this.view(this.x.test_keys() + 32 * i, 32).set(k));
    const target = new TextEncoder().encode(policy.target ?? '');
    this.view(this.x.test_target(), target.length + 1).set([...target, 0]);
    const mask = (policy.payloadTypes ?? []).reduce((m, t) => m | (1 << t), 0);
    const verdict = this.x.test_inspect(
      image.length,
      policy.trustedKeyHashes.length,
      policy.minSecurityCounter ?? 0,
      policy.target === undefined ? 0 : 1,
      mask,
    );
    return {
      verdict,
      info: verdict === 0 ? this.readInfo() : undefined,
      reads: this.x.test_reads(),
      readBytes: this.x.test_read_bytes(),
      outOfRange: this.x.test_out_of_range(),
    };
  }

  private readInfo(): CppInfo {
    const out = this.view(this.x.test_output(), 256).slice();
    const dv = new DataView(out.buffer);
    return {
      version: { major: out[0], minor: out[1], revision: dv.getUint16(2, true), build: dv.getUint32(4, true) },
      securityCounter: dv.getUint32(8, true),
      payloadType: dv.getUint16(12, true),
      headerSize: dv.getUint32(14, true),
      bodyOffset: dv.getUint32(18, true),
      bodySize: dv.getUint32(22, true),
      hashedSize: dv.getUint32(26, true),
      imageSize: dv.getUint32(30, true),
      digest: out.slice(34, 66),
      keyHash: out.slice(66, 98),
      signatureRaw: out.slice(98, 162),
      target: new TextDecoder().decode(out.subarray(162, out.indexOf(0, 162))),
    };
  }

  /** SHA-256 of `message` fed to Update in pieces of the given sizes (cycled) from the input buffer. */
  sha256(message: Uint8Array, pieces: readonly number[] = [message.length]): Uint8Array {
    this.setInput(message);
    this.x.test_sha_init();
    for (let off = 0, i = 0; off < message.length; i++) {
      const n = Math.min(pieces[i % pieces.length], message.length - off);
      this.x.test_sha_update(off, n);
      off += n;
    }
    this.x.test_sha_final();
    return this.view(this.x.test_output(), 32).slice();
  }

  /** Feeds `count` copies of the input buffer's first `chunk` bytes (a message too long for the buffer). */
  sha256Repeated(chunk: Uint8Array, count: number): Uint8Array {
    this.setInput(chunk);
    this.x.test_sha_init();
    for (let i = 0; i < count; i++) this.x.test_sha_update(0, chunk.length);
    this.x.test_sha_final();
    return this.view(this.x.test_output(), 32).slice();
  }

  sha256OneShot(message: Uint8Array): Uint8Array {
    this.setInput(message);
    this.x.test_sha_hash(message.length);
    return this.view(this.x.test_output(), 32).slice();
  }

  derToRaw(der: Uint8Array): Uint8Array | undefined {
    this.setInput(der);
    return this.x.test_der_to_raw(der.length) ? this.view(this.x.test_output(), 64).slice() : undefined;
  }
}
