// npm run model -- <command> ... — the model tools for scripts and CI. Each command is its own module in
// scripts/model/ exporting `main(args): Promise<number>` (the exit code); add a command by adding it to COMMANDS.
//   info <file.tflite> [--board <id>] [--json]   per-layer table, totals, memory, fit and latency per board
export const COMMANDS: Record<string, () => Promise<{ main: (args: string[]) => Promise<number> }>> = {
  info: () => import('./model/info'),
};

const [command, ...args] = process.argv.slice(2);
const load = command ? COMMANDS[command] : undefined;
if (!load) {
  console.error(`usage: npm run model -- <${Object.keys(COMMANDS).join('|')}> ...`);
  process.exit(1);
}
process.exitCode = await (await load()).main(args);
