// flatbuffer.ts — a bounds-checked view of a FlatBuffer over the `flatbuffers` runtime's ByteBuffer.
//
// The runtime reads whatever offset it is given (an out-of-range read yields undefined or a wrapped value); every
// offset, vtable, vector length and string here is checked against the buffer before it is followed. The schema's
// tables nest to a fixed depth (Model > SubGraph > Tensor > QuantizationParameters), so no path can cycle; a budget
// of bytes read through vectors and strings (a small multiple of the file size) keeps tables that share one huge
// vector from multiplying the work or the memory.
import { ByteBuffer } from 'flatbuffers';
import { TfliteError } from './errors';

/** Vector and string bytes one file may make the reader visit: honest files read each byte about once. */
export const READ_BUDGET_FACTOR = 4;
const READ_BUDGET_SLACK = 1 << 16;

export class FlatReader {
  readonly bb: ByteBuffer;
  readonly length: number;
  private budget: number;

  constructor(readonly bytes: Uint8Array) {
    this.bb = new ByteBuffer(bytes);
    this.length = bytes.length;
    this.budget = READ_BUDGET_FACTOR * bytes.length + READ_BUDGET_SLACK;
  }

  fail(message: string): never {
    throw new TfliteError(message);
  }

  /** Checks that [at, at + size) lies inside the buffer. */
  check(at: number, size: number, what: string): void {
    if (!Number.isSafeInteger(at) || at < 0 || size < 0 || at + size > this.length) {
      this.fail(`${what} at byte ${at} (${size} bytes) lies outside the file (${this.length} bytes)`);
    }
  }

  spend(bytes: number, what: string): void {
    this.budget -= bytes;
    if (this.budget < 0) this.fail(`${what}: the file's tables reference more data than the file holds`);
  }

  u8(at: number, what: string): number {
    this.check(at, 1, what);
    return this.bb.readUint8(at);
  }
  u16(at: number, what: string): number {
    this.check(at, 2, what);
    return this.bb.readUint16(at);
  }
  i32(at: number, what: string): number {
    this.check(at, 4, what);
    return this.bb.readInt32(at);
  }
  u32(at: number, what: string): number {
    this.check(at, 4, what);
    return this.bb.readUint32(at);
  }

  /** The position a uoffset stored at `at` points to. */
  indirect(at: number, what: string): number {
    const target = at + this.u32(at, what);
    this.check(target, 4, what);
    return target;
  }

  /** The root table (uoffset at byte 0). */
  root(): Table {
    this.check(0, 8, 'the file header');
    return this.table(this.indirect(0, 'the root table'), 'the root table');
  }

  identifier(): string {
    this.check(4, 4, 'the file identifier');
    return String.fromCharCode(...this.bytes.subarray(4, 8));
  }

  table(pos: number, what: string): Table {
    const vtable = pos - this.i32(pos, `${what}: vtable offset`);
    const vtableBytes = this.u16(vtable, `${what}: vtable`);
    const tableBytes = this.u16(vtable + 2, `${what}: vtable`);
    if (vtableBytes < 4 || vtableBytes % 2 !== 0) this.fail(`${what}: vtable of ${vtableBytes} bytes is malformed`);
    this.check(vtable, vtableBytes, `${what}: vtable`);
    if (tableBytes < 4) this.fail(`${what}: table of ${tableBytes} bytes is malformed`);
    this.check(pos, tableBytes, what);
    return new Table(this, pos, vtable, vtableBytes, tableBytes, what);
  }
}

/** A vector's element positions: element i starts at `start + i * elementBytes`. */
export interface Vector {
  start: number;
  length: number;
}

export class Table {
  constructor(
    private readonly r: FlatReader,
    readonly pos: number,
    private readonly vtable: number,
    private readonly vtableBytes: number,
    private readonly tableBytes: number,
    readonly what: string,
  ) {}

  /** The position of field `id` (size `size` bytes) inside the table, or 0 when the field is absent. */
  private field(id: number, size: number, name: string): number {
    const entry = 4 + 2 * id;
    if (entry + 2 > this.vtableBytes) return 0;
    const offset = this.r.u16(this.vtable + entry, `${this.what}.${name}`);
    if (offset === 0) return 0;
    if (offset + size > this.tableBytes) this.r.fail(`${this.what}.${name} lies outside its table`);
    return this.pos + offset;
  }

  has(id: number): boolean {
    return this.field(id, 1, `field ${id}`) !== 0;
  }
  u8(id: number, name: string, dflt = 0): number {
    const at = this.field(id, 1, name);
    return at ? this.r.u8(at, `${this.what}.${name}`) : dflt;
  }
  i8(id: number, name: string, dflt = 0): number {
    const v = this.u8(id, name, dflt);
    return v > 127 ? v - 256 : v;
  }
  bool(id: number, name: string, dflt = false): boolean {
    return this.u8(id, name, dflt ? 1 : 0) !== 0;
  }
  i32(id: number, name: string, dflt = 0): number {
    const at = this.field(id, 4, name);
    return at ? this.r.i32(at, `${this.what}.${name}`) : dflt;
  }
  u32(id: number, name: string, dflt = 0): number {
    const at = this.field(id, 4, name);
    return at ? this.r.u32(at, `${this.what}.${name}`) : dflt;
  }
  f32(id: number, name: string, dflt = 0): number {
    const at = this.field(id, 4, name);
    if (!at) return dflt;
    this.r.check(at, 4, `${this.what}.${name}`);
    return this.r.bb.readFloat32(at);
  }
  /** An unsigned 64-bit field as a bigint. */
  u64(id: number, name: string): bigint {
    const at = this.field(id, 8, name);
    if (!at) return 0n;
    this.r.check(at, 8, `${this.what}.${name}`);
    return this.r.bb.readUint64(at);
  }

  /** A sub-table, or null when absent. */
  table(id: number, name: string): Table | null {
    const at = this.field(id, 4, name);
    return at ? this.r.table(this.r.indirect(at, `${this.what}.${name}`), `${this.what}.${name}`) : null;
  }

  /** A vector of `elementBytes`-sized elements, or null when absent; its bytes are charged to the read budget. */
  vector(id: number, name: string, elementBytes: number): Vector | null {
    const at = this.field(id, 4, name);
    if (!at) return null;
    const what = `${this.what}.${name}`;
    const start = this.r.indirect(at, what);
    const length = this.r.u32(start, `${what}: length`);
    this.r.check(start + 4, length * elementBytes, `${what} (${length} elements)`);
    this.r.spend(length * elementBytes, what);
    return { start: start + 4, length };
  }

  /** A vector of tables (each element a uoffset), at most `limit` long. */
  tables(id: number, name: string, limit: number): Table[] {
    const v = this.vector(id, name, 4);
    if (!v) return [];
    if (v.length > limit) this.r.fail(`${this.what}.${name} has ${v.length} entries (at most ${limit} supported)`);
    const out: Table[] = [];
    for (let i = 0; i < v.length; i++) {
      const what = `${this.what}.${name}[${i}]`;
      out.push(this.r.table(this.r.indirect(v.start + 4 * i, what), what));
    }
    return out;
  }

  /** An int32 vector as numbers, at most `limit` long. */
  int32s(id: number, name: string, limit: number): number[] | null {
    const v = this.vector(id, name, 4);
    if (!v) return null;
    if (v.length > limit) this.r.fail(`${this.what}.${name} has ${v.length} entries (at most ${limit} supported)`);
    const out: number[] = [];
    for (let i = 0; i < v.length; i++) out.push(this.r.bb.readInt32(v.start + 4 * i));
    return out;
  }

  /** A float32 vector, at most `limit` long. */
  float32s(id: number, name: string, limit: number): Float32Array | null {
    const v = this.vector(id, name, 4);
    if (!v) return null;
    if (v.length > limit) this.r.fail(`${this.what}.${name} has ${v.length} entries (at most ${limit} supported)`);
    const out = new Float32Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = this.r.bb.readFloat32(v.start + 4 * i);
    return out;
  }

  /** An int64 vector as numbers; values outside the safe-integer range are refused. */
  int64s(id: number, name: string, limit: number): number[] | null {
    const v = this.vector(id, name, 8);
    if (!v) return null;
    if (v.length > limit) this.r.fail(`${this.what}.${name} has ${v.length} entries (at most ${limit} supported)`);
    const out: number[] = [];
    for (let i = 0; i < v.length; i++) {
      const x = this.r.bb.readInt64(v.start + 8 * i);
      if (x > BigInt(Number.MAX_SAFE_INTEGER) || x < BigInt(Number.MIN_SAFE_INTEGER)) {
        this.r.fail(`${this.what}.${name}[${i}] = ${x} is out of range`);
      }
      out.push(Number(x));
    }
    return out;
  }

  /** A byte vector as a view into the file (no copy). */
  bytes(id: number, name: string): Uint8Array | null {
    const v = this.vector(id, name, 1);
    return v ? this.r.bytes.subarray(v.start, v.start + v.length) : null;
  }

  /** A string (UTF-8; invalid sequences become U+FFFD), or '' when absent. */
  string(id: number, name: string): string {
    const b = this.bytes(id, name);
    return b ? UTF8.decode(b) : '';
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: false });
