import { describe, expect, it } from 'vitest';
import { filesForDemo, PROJECT_LIMITS } from './projectFiles';
import { MANIFEST, projectFromZip, projectToZip } from './projectZip';
import { readZip, writeZip } from './zip';

const text = (s: string) => new TextEncoder().encode(s);
const zipOf = (files: Record<string, string | Uint8Array>) =>
  writeZip(Object.entries(files).map(([path, t]) => ({ path, bytes: typeof t === 'string' ? text(t) : t })));
const manifest = (demo: string, version = 1) => JSON.stringify({ format: 'tinyml-sim-project', version, demo });

describe('project .zip', () => {
  const project = { demo: 'mnist', files: { 'main.cpp': 'int main() {}\n', 'digit_canvas.h': '#pragma once\n' } };

  it('exports the files under the demo’s folder beside a manifest, and imports them back', async () => {
    const zip = await projectToZip(project);
    const entries = await readZip(zip, { archiveBytes: 1 << 20, entries: 10, totalBytes: 1 << 20 });
    expect(entries.map((e) => e.path)).toEqual(['mnist/tinyml-sim.json', 'mnist/digit_canvas.h', 'mnist/main.cpp']);
    expect(JSON.parse(new TextDecoder().decode(entries[0].bytes))).toEqual({
      format: 'tinyml-sim-project',
      version: 1,
      demo: 'mnist',
    });
    expect(await projectFromZip(zip)).toEqual(project);
  });

  it('imports an archive a person made: no manifest, with or without a folder, with macOS debris', async () => {
    const files = { 'main.cpp': 'int x;\n' };
    expect(await projectFromZip(await zipOf(files))).toEqual({ demo: undefined, files });
    expect(
      await projectFromZip(
        await zipOf({
          'blinky/main.cpp': 'int x;\n',
          'blinky/.DS_Store': new Uint8Array([0, 1, 0xff]),
          '__MACOSX/blinky/._main.cpp': new Uint8Array([0xff]),
        }),
      ),
    ).toEqual({ demo: undefined, files });
    // Files in two folders keep their folders.
    expect((await projectFromZip(await zipOf({ 'a/x.h': '', 'b/y.h': '' }))).files).toEqual({
      'a/x.h': '',
      'b/y.h': '',
    });
  });

  it('refuses archives that are no usable project, whatever the folder', async () => {
    const cases: [Record<string, string | Uint8Array>, RegExp][] = [
      [{ '../main.cpp': '' }, /leaves its folder/],
      [{ 'p/../../main.cpp': '' }, /leaves its folder/],
      [{ '/etc/passwd': '' }, /absolute path/],
      [{ 'p/main.cpp': new Uint8Array([0x80, 0x81]) }, /"main.cpp" is not a text file/],
      [{ [MANIFEST]: manifest('blinky') }, /holds no project files/],
      [{ [MANIFEST]: manifest('blinky', 2), 'main.cpp': '' }, /newer version of tinyml-sim \(format 2\)/],
      [{ [MANIFEST]: '{"format": "other"}', 'main.cpp': '' }, /not a tinyml-sim project manifest/],
      [{ [MANIFEST]: 'nope', 'main.cpp': '' }, /is not valid JSON/],
      [
        Object.fromEntries(Array.from({ length: PROJECT_LIMITS.files + 1 }, (_, i) => [`f${i}.h`, ''])),
        /more than 64 files/,
      ],
      [{ 'main.cpp': 'x'.repeat(PROJECT_LIMITS.bytes + 5000) }, /the file cannot be read: its files hold more than/],
    ];
    for (const [files, message] of cases)
      await expect(projectFromZip(await zipOf(files)), String(message)).rejects.toThrow(message);
    await expect(projectFromZip(text('PK\x03\x04 but nothing else'))).rejects.toThrow(
      /the file cannot be read: it is not a zip archive/,
    );
  });
});

describe('a project’s files in its demo', () => {
  const shipped = { 'main.cpp': 'shipped main', 'a.h': 'shipped a' };
  it('replaces the files it has and keeps the demo’s others', () => {
    expect(filesForDemo(shipped, { 'main.cpp': 'mine' })).toEqual({ 'main.cpp': 'mine', 'a.h': 'shipped a' });
  });
  it('refuses files the demo does not have', () => {
    expect(() => filesForDemo(shipped, { 'main.cpp': '', 'extra.h': '', 'x/y.h': '' })).toThrow(
      'the demo has no file "extra.h", "x/y.h"',
    );
  });
});
