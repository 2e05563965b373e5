import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../mulberry32';
import { PROJECT_LIMITS } from './projectFiles';
import {
  decodeShareFragment,
  encodeShareFragment,
  MAX_SHARE_CHARS,
  MAX_SHARE_JSON_BYTES,
  SHARE_FORMAT,
  SHARE_PREFIX,
} from './shareLink';

const blinky = {
  demo: 'blinky',
  files: { 'main.cpp': '#include "mbed.h"\n// µs, °C and ✓ survive\n#define BLINKING_RATE 200ms\n' },
};

/** A fragment made of any bytes after the format byte, as a hostile page could make one. */
const fragment = (body: Uint8Array | Buffer, format = SHARE_FORMAT) =>
  SHARE_PREFIX + Buffer.concat([Buffer.from([format]), body]).toString('base64url');
const packed = (json: unknown) => deflateRawSync(Buffer.from(typeof json === 'string' ? json : JSON.stringify(json)));

describe('share link', () => {
  it('round-trips a project, every character of every file', async () => {
    const mnistLike = {
      demo: 'mnist',
      files: Object.fromEntries(
        Array.from({ length: 9 }, (_, i) => [`src/file_${i}.h`, `const int w${i}[] = {${'12, -7, '.repeat(500)}};\n`]),
      ),
    };
    for (const project of [blinky, mnistLike]) {
      const hash = await encodeShareFragment(project);
      expect(hash).toMatch(/^#share=[A-Za-z0-9_-]+$/);
      expect(await decodeShareFragment(hash)).toEqual(project);
    }
  });

  it('compresses: the 40 KB of a demo like MNIST travel in a few KB', async () => {
    const files = { 'weights.h': 'static const signed char w[] = {' + '1, -2, 3, '.repeat(4000) + '};\n' };
    const hash = await encodeShareFragment({ demo: 'mnist', files });
    expect(files['weights.h'].length).toBeGreaterThan(40_000);
    expect(hash.length).toBeLessThan(2_000);
  });

  it('refuses to make a link for a project too big for one, and says to export a .zip', async () => {
    // Incompressible text: 400 KB of random base64 stays about 300 KB compressed, over the link limit.
    const random = mulberry32(1);
    const noise = Buffer.from(Array.from({ length: 300_000 }, () => Math.floor(random() * 256))).toString('base64');
    await expect(encodeShareFragment({ demo: 'blinky', files: { 'main.cpp': noise } })).rejects.toThrow(
      /too big for a link \(\d+ KB compressed, at most 256 KB\): export it as a \.zip/,
    );
    await expect(
      encodeShareFragment({ demo: 'blinky', files: { 'main.cpp': 'x'.repeat(PROJECT_LIMITS.bytes + 1) } }),
    ).rejects.toThrow("the project's files hold more than 1024 KB");
  });

  it('says what is wrong with a damaged link', async () => {
    const cases: [string, RegExp][] = [
      ['#other=abc', /carries no shared project/],
      [SHARE_PREFIX, /the link is empty/],
      [SHARE_PREFIX + 'ab$cd', /not base64url/],
      [SHARE_PREFIX + 'abcde', /not base64url/],
      [fragment(packed(blinky), 2), /newer version of tinyml-sim \(format 2\)/],
      [fragment(packed(blinky), 0), /unknown format \(0\)/],
      [fragment(Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x77])), /compressed data is corrupt or cut off/],
      [fragment(packed(blinky).subarray(0, 20)), /compressed data is corrupt or cut off/],
      [fragment(deflateRawSync(Buffer.from([0xc3, 0x28]))), /not valid JSON/],
      [fragment(packed('{"demo": "blinky", "files": ')), /not valid JSON/],
      [SHARE_PREFIX + 'A'.repeat(MAX_SHARE_CHARS), /longer than 256 KB/],
    ];
    for (const [hash, message] of cases)
      await expect(decodeShareFragment(hash), hash.slice(0, 40)).rejects.toThrow(message);
  });

  it('refuses a link whose JSON is not a project', async () => {
    const cases: [unknown, RegExp][] = [
      [[1, 2], /it is not a project/],
      ['"blinky"', /it is not a project/],
      [{ demo: 'blinky' }, /it is not a project/],
      [{ demo: 'blinky', files: { 'main.cpp': 42 } }, /main\.cpp/],
      [{ demo: '../etc', files: { 'main.cpp': '' } }, /not a demo name/],
      [{ ...blinky, extra: true }, /it is not a project/],
      [{ demo: 'blinky', files: {} }, /no files/],
      [{ demo: 'blinky', files: { '../main.cpp': '' } }, /leaves its folder/],
      [{ demo: 'blinky', files: { '/etc/passwd': '' } }, /absolute path/],
      [{ demo: 'blinky', files: { 'C:/x.cpp': '' } }, /absolute path/],
      [{ demo: 'blinky', files: { 'a\\b.cpp': '' } }, /characters a project file may not have/],
      [{ demo: 'blinky', files: { 'a//b.cpp': '' } }, /characters a project file may not have/],
      [
        { demo: 'blinky', files: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`f${i}.h`, ''])) },
        /more than 64 files/,
      ],
    ];
    for (const [json, message] of cases)
      await expect(decodeShareFragment(fragment(packed(json))), JSON.stringify(json).slice(0, 60)).rejects.toThrow(
        message,
      );
  });

  it('stops inflating a zip bomb at the limit: 64 MB of zeros in a 64 KB link', async () => {
    const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
    const hash = fragment(bomb);
    expect(hash.length).toBeLessThan(MAX_SHARE_CHARS);
    await expect(decodeShareFragment(hash)).rejects.toThrow(
      `decompresses to more than ${MAX_SHARE_JSON_BYTES / 1024} KB`,
    );
  });
});
