// Runs one @yowasp/clang clang++ invocation in a process of its own, for wasiDriver.ts: two large compiles in one
// test worker sometimes took the worker down, and a process of its own gives each compile fresh memory.
// argv[2]: a JSON file { args, tree }; writes { out, log } (files of the out/ folder, base64) to argv[3].
import { readFileSync, writeFileSync } from 'node:fs';
import { commands } from '@yowasp/clang';

const { args, tree } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const decoder = new TextDecoder();
let log = '';
const collect = (bytes) => {
  if (bytes) log += decoder.decode(bytes, { stream: true });
};
let out = {};
try {
  const result = await commands['clang++'](args, { ...tree, out: {} }, { stdout: collect, stderr: collect });
  out = Object.fromEntries(
    Object.entries(result?.out ?? {}).map(([name, bytes]) => [name, Buffer.from(bytes).toString('base64')]),
  );
} catch (e) {
  log += `\n${e instanceof Error ? e.message : String(e)}`;
}
writeFileSync(process.argv[3], JSON.stringify({ out, log }));
