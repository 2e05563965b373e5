import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32 } from './crc32';
import { readZip, writeZip, type ZipLimits } from './zip';

const LIMITS: ZipLimits = { archiveBytes: 1 << 20, entries: 16, totalBytes: 1 << 20 };
const text = (s: string) => new TextEncoder().encode(s);
const asText = (entries: { path: string; bytes: Uint8Array }[]) =>
  Object.fromEntries(entries.map((e) => [e.path, new TextDecoder().decode(e.bytes)]));

interface RawEntry {
  name: string;
  data: Buffer;
  method?: number;
  flags?: number;
  crc?: number;
  size?: number;
  packedSize?: number;
  madeBy?: number;
  external?: number;
  /** Write sizes and CRC after the data (flag bit 3) instead of in the local header, as streaming archivers do. */
  descriptor?: boolean;
  extra?: Buffer;
}

/**
 * An archive laid out by hand from APPNOTE's tables, independent of the writer under test: used to read what other
 * tools write (data descriptors, extra fields, DOS "made by") and to make every kind of damaged archive.
 */
function handZip(entries: RawEntry[], end: { count?: number; disk?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const method = e.method ?? 8;
    const packed = method === 8 ? deflateRawSync(e.data) : e.data;
    const crc = e.crc ?? crc32(e.data);
    const size = e.size ?? e.data.length;
    const packedSize = e.packedSize ?? packed.length;
    const extra = e.extra ?? Buffer.alloc(0);
    const flags = (e.flags ?? 0) | (e.descriptor ? 8 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(e.descriptor ? 0 : crc, 14);
    local.writeUInt32LE(e.descriptor ? 0 : packedSize, 18);
    local.writeUInt32LE(e.descriptor ? 0 : size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const descriptor = Buffer.alloc(e.descriptor ? 16 : 0);
    if (e.descriptor) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(packedSize, 8);
      descriptor.writeUInt32LE(size, 12);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(e.madeBy ?? 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packedSize, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(e.external ?? 0, 38);
    central.writeUInt32LE(offset, 42);
    const block = Buffer.concat([local, name, extra, packed, descriptor]);
    locals.push(block);
    centrals.push(Buffer.concat([central, name, extra]));
    offset += block.length;
  }
  const dir = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(end.disk ?? 0, 4);
  eocd.writeUInt16LE(end.count ?? entries.length, 8);
  eocd.writeUInt16LE(end.count ?? entries.length, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, eocd]);
}

const main = { name: 'main.cpp', data: Buffer.from('int main() { return 0; }\n'.repeat(20)) };

describe('zip', () => {
  it('round-trips files through its own writer and reader, stored and deflated, with UTF-8 names', async () => {
    const files = { 'blinky/main.cpp': 'x'.repeat(5000), 'blinky/ü.h': '#pragma once\n', 'blinky/empty.h': '' };
    const zip = await writeZip(Object.entries(files).map(([path, t]) => ({ path, bytes: text(t) })));
    expect(asText(await readZip(zip, LIMITS))).toEqual(files);
    // The long file was deflated (method 8 at byte 8 of its local header); the archive is smaller than its contents.
    expect(zip[8]).toBe(8);
    expect(zip.length).toBeLessThan(5000);
  });

  it('writes an archive that Info-ZIP unzip accepts', async (ctx) => {
    if (!hasTool('unzip')) return ctx.skip();
    const zip = await writeZip([{ path: 'p/main.cpp', bytes: text('int main() {}\n'.repeat(50)) }]);
    const dir = scratch();
    writeFileSync(join(dir, 'a.zip'), zip);
    expect(execFileSync('unzip', ['-t', join(dir, 'a.zip')]).toString()).toMatch(/No errors detected/);
    execFileSync('unzip', ['-q', join(dir, 'a.zip'), '-d', join(dir, 'out')]);
    expect(readFileSync(join(dir, 'out/p/main.cpp'), 'utf8')).toBe('int main() {}\n'.repeat(50));
  });

  it('reads an archive made by Info-ZIP zip (folders, extra fields)', async (ctx) => {
    if (!hasTool('zip')) return ctx.skip();
    const dir = scratch();
    mkdirSync(join(dir, 'proj/src'), { recursive: true });
    writeFileSync(join(dir, 'proj/main.cpp'), 'int main() {}\n'.repeat(40));
    writeFileSync(join(dir, 'proj/src/led.h'), '#pragma once\n');
    execFileSync('zip', ['-qr', 'p.zip', 'proj'], { cwd: dir });
    expect(asText(await readZip(readFileSync(join(dir, 'p.zip')), LIMITS))).toEqual({
      'proj/main.cpp': 'int main() {}\n'.repeat(40),
      'proj/src/led.h': '#pragma once\n',
    });
  });

  it('reads what streaming archivers write: data descriptors, extra fields, DOS attributes, folders', async () => {
    const zip = handZip([
      { name: 'proj/', data: Buffer.alloc(0), method: 0 },
      { ...main, name: 'proj/main.cpp', descriptor: true, extra: Buffer.from([0x55, 0x54, 1, 0, 0]) },
      { name: 'proj/a.h', data: Buffer.from('// stored\n'), method: 0 },
    ]);
    expect(asText(await readZip(zip, LIMITS))).toEqual({
      'proj/main.cpp': main.data.toString(),
      'proj/a.h': '// stored\n',
    });
  });

  it('refuses damaged and hostile archives with a reason', async () => {
    const good = handZip([main]);
    const cases: [Uint8Array, RegExp][] = [
      [text('int main() {}\n'), /too short/],
      [text('this is a text file, not a zip archive at all'), /not a zip archive \(no central directory/],
      [good.subarray(0, good.length - 5), /not a zip archive/],
      [good.subarray(20), /cut off or damaged/],
      [Buffer.concat([good.subarray(0, 40), good.subarray(good.length - 80)]), /cut off or damaged/],
      [handZip([{ ...main, flags: 1 }]), /"main.cpp" is encrypted/],
      [handZip([{ ...main, method: 99 }]), /"main.cpp" is encrypted/],
      [handZip([{ ...main, method: 12 }]), /compression method 12/],
      [handZip([{ ...main, crc: 1234 }]), /CRC-32 is wrong/],
      [handZip([{ ...main, method: 0, size: 3 }]), /sizes disagree/],
      [handZip([{ ...main, size: 10 }]), /compressed data is corrupt or larger than it says/],
      [
        handZip([
          { ...main, data: Buffer.from([1, 2, 3]), method: 0 },
          { ...main, name: 'main.cpp' },
        ]),
        /twice/,
      ],
      [handZip([{ ...main, madeBy: 0x314, external: 0o120777 * 0x10000 }]), /symbolic link/],
      [handZip([main], { count: 0xffff }), /ZIP64/],
      [handZip([main], { disk: 1 }), /split/],
      [handZip(Array.from({ length: 17 }, (_, i) => ({ ...main, name: `f${i}.h` }))), /more than 16 entries/],
      [Buffer.alloc((1 << 20) + 1), /larger than 1024 KB/],
    ];
    for (const [zip, message] of cases) await expect(readZip(zip, LIMITS), String(message)).rejects.toThrow(message);
  });

  it('refuses a file name that is not UTF-8', async () => {
    const zip = handZip([main]);
    const at = zip.lastIndexOf(Buffer.from('main.cpp'));
    zip[at] = 0xff;
    await expect(readZip(zip, LIMITS)).rejects.toThrow(/file name that is not UTF-8/);
  });

  it('stops a zip bomb: declared sizes past the limit are refused, and inflating stops at the declared size', async () => {
    const zeros = Buffer.alloc(8 << 20);
    // Honest sizes: 8 MB uncompressed is over the 1 MB limit before anything is inflated.
    await expect(readZip(handZip([{ name: 'bomb.h', data: zeros }]), LIMITS)).rejects.toThrow(
      /more than 1024 KB uncompressed/,
    );
    // A lying directory: 8 MB of zeros declared as 100 bytes stops after 100.
    await expect(readZip(handZip([{ name: 'bomb.h', data: zeros, size: 100 }]), LIMITS)).rejects.toThrow(
      /corrupt or larger than it says/,
    );
  });
});

const scratchDirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
  scratchDirs.push(dir);
  return dir;
}
afterAll(() => scratchDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
