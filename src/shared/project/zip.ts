// A small zip writer and reader (PKWARE APPNOTE.TXT 6.3.10): local file headers (§4.3.7), the central directory
// (§4.3.12) and its end record (§4.3.16); methods 0 (stored) and 8 (deflated, §5.5), CRC-32 (§4.4.7). No ZIP64, no
// encryption, no split archives: the reader refuses those with a message. Every offset and size read from the
// archive is checked against its length before use, and inflating stops at the size the directory declares.
import { deflateRaw, inflateRaw } from './boundedInflate';
import { crc32 } from './crc32';

export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
}

export interface ZipLimits {
  /** Bytes of the archive file. */
  archiveBytes: number;
  /** Entries in the central directory, folders included. */
  entries: number;
  /** Uncompressed bytes of all files together. */
  totalBytes: number;
}

/** An archive that cannot be read, with a message for the user. */
export class ZipError extends Error {
  override name = 'ZipError';
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const UTF8_NAMES = 1 << 11;
const VERSION = 20; // 2.0: deflate and folders (APPNOTE §4.4.3.2)
const UNIX_FILE = 0o100644; // regular file, rw-r--r--, in the high half of the external attributes (made by Unix)

function dosDateTime(d: Date): { time: number; date: number } {
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
  const date = ((Math.max(d.getFullYear(), 1980) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  return { time, date };
}

/** The archive of `entries`, each deflated unless storing it is smaller. */
export async function writeZip(entries: ZipEntry[], when = new Date()): Promise<Uint8Array> {
  const { time, date } = dosDateTime(when);
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.path);
    const packed = await deflateRaw(entry.bytes);
    const deflated = packed.length < entry.bytes.length;
    const data = deflated ? packed : entry.bytes;
    const crc = crc32(entry.bytes);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, LOCAL, true);
    local.setUint16(4, VERSION, true);
    local.setUint16(6, UTF8_NAMES, true);
    local.setUint16(8, deflated ? 8 : 0, true);
    local.setUint16(10, time, true);
    local.setUint16(12, date, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, entry.bytes.length, true);
    local.setUint16(26, name.length, true);
    const dir = new DataView(new ArrayBuffer(46));
    dir.setUint32(0, CENTRAL, true);
    dir.setUint16(4, (3 << 8) | VERSION, true); // made by Unix, so the attributes below mean file modes
    dir.setUint16(6, VERSION, true);
    dir.setUint16(8, UTF8_NAMES, true);
    dir.setUint16(10, deflated ? 8 : 0, true);
    dir.setUint16(12, time, true);
    dir.setUint16(14, date, true);
    dir.setUint32(16, crc, true);
    dir.setUint32(20, data.length, true);
    dir.setUint32(24, entry.bytes.length, true);
    dir.setUint16(28, name.length, true);
    dir.setUint32(38, UNIX_FILE * 0x10000, true);
    dir.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), name, data);
    central.push(new Uint8Array(dir.buffer), name);
    offset += 30 + name.length + data.length;
  }
  const dirSize = central.reduce((n, p) => n + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, END, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, dirSize, true);
  end.setUint32(16, offset, true);
  return concat([...parts, ...central, new Uint8Array(end.buffer)]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Finds the end-of-central-directory record: the last one whose comment runs exactly to the end of the file. */
function findEnd(view: DataView): number {
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END && at + 22 + view.getUint16(at + 20, true) === view.byteLength) return at;
  }
  throw new ZipError('it is not a zip archive (no central directory at its end; is it cut off?)');
}

/** The files in a zip archive (folders left out); throws a ZipError for anything it cannot read safely. */
export async function readZip(bytes: Uint8Array, limits: ZipLimits): Promise<ZipEntry[]> {
  if (bytes.length > limits.archiveBytes)
    throw new ZipError(`it is larger than ${Math.round(limits.archiveBytes / 1024)} KB`);
  if (bytes.length < 22) throw new ZipError('it is not a zip archive (too short)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEnd(view);
  const count = view.getUint16(end + 10, true);
  const dirSize = view.getUint32(end + 12, true);
  const dirStart = view.getUint32(end + 16, true);
  if (count === 0xffff || dirSize === 0xffffffff || dirStart === 0xffffffff)
    throw new ZipError('it is a ZIP64 archive, which is not supported');
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 8, true) !== count)
    throw new ZipError('it is a split (multi-part) archive, which is not supported');
  if (count > limits.entries) throw new ZipError(`it has more than ${limits.entries} entries`);
  if (dirStart + dirSize > end) throw new ZipError('its central directory is cut off or damaged');

  const names = new TextDecoder('utf-8', { fatal: true });
  const out: ZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let at = dirStart;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL)
      throw new ZipError('its central directory is cut off or damaged');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const packedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLen = view.getUint16(at + 28, true);
    const next = at + 46 + nameLen + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const mode = view.getUint8(at + 5) === 3 ? view.getUint32(at + 38, true) >>> 16 : 0;
    const localAt = view.getUint32(at + 42, true);
    if (next > end) throw new ZipError('its central directory is cut off or damaged');
    let path: string;
    try {
      path = names.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    } catch {
      throw new ZipError('it has a file name that is not UTF-8 text');
    }
    at = next;
    if (path.endsWith('/')) continue; // a folder
    if (flags & 0x41 || method === 99) throw new ZipError(`"${path}" is encrypted, which is not supported`);
    if ((mode & 0o170000) === 0o120000) throw new ZipError(`"${path}" is a symbolic link, not a file`);
    if (method !== 0 && method !== 8)
      throw new ZipError(`"${path}" uses compression method ${method}; only stored and deflated files can be read`);
    if (seen.has(path)) throw new ZipError(`"${path}" is in it twice`);
    seen.add(path);
    total += size;
    if (total > limits.totalBytes)
      throw new ZipError(`its files hold more than ${Math.round(limits.totalBytes / 1024)} KB uncompressed`);
    if (localAt + 30 > dirStart || view.getUint32(localAt, true) !== LOCAL)
      throw new ZipError(`"${path}" is cut off or damaged`);
    const dataAt = localAt + 30 + view.getUint16(localAt + 26, true) + view.getUint16(localAt + 28, true);
    if (dataAt + packedSize > dirStart) throw new ZipError(`"${path}" is cut off or damaged`);
    const packed = bytes.subarray(dataAt, dataAt + packedSize);
    let data: Uint8Array;
    if (method === 0) {
      if (packedSize !== size) throw new ZipError(`"${path}" is damaged (its sizes disagree)`);
      data = packed;
    } else {
      const inflated = await inflateRaw(packed, size);
      if (!inflated.ok)
        throw new ZipError(`"${path}" is damaged (its compressed data is corrupt or larger than it says)`);
      data = inflated.bytes;
    }
    if (data.length !== size || crc32(data) !== crc) throw new ZipError(`"${path}" is damaged (its CRC-32 is wrong)`);
    out.push({ path, bytes: data.slice() });
  }
  return out;
}
