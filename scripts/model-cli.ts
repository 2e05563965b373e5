// npm run model -- <command> ... — the model tools for scripts and CI. Each command is its own module whose entry
// takes the command's arguments and resolves to the exit code; add a command by adding a line to COMMANDS.
//   info <file.tflite> [--board <id>] [--json]   per-layer table, totals, memory, fit and latency per board
//   run <file.tflite> --input <file> [--count N] --output <file> [--dump <dir>]
//                                                 the model through the firmware's engine (docs/model-runner.md)
export const COMMANDS: Record<string, () => Promise<(args: string[]) => Promise<number>>> = {
  info: async () => (await import('./model/info')).main,
  run: async () => (await import('./model/run')).runCommand,
};

const [command, ...args] = process.argv.slice(2);
const load = command ? COMMANDS[command] : undefined;
if (!load) {
  console.error(`usage: npm run model -- <${Object.keys(COMMANDS).join('|')}> ...`);
  process.exit(1);
}
process.exitCode = await (await load())(args);
