// `npm run fleet` as a process of its own, for the restart test and the benchmark: node with tsx's loader (so a
// SIGKILL reaches the server itself, not a wrapper), its URLs read from its stdout, its RSS from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface FleetProcess {
  child: ChildProcess;
  port: number;
  /** Empty for a broker-only process. */
  instructor: string;
  join: string;
  baseUrl: string;
  /** Resident set size, bytes (Linux). */
  rssBytes(): number;
  stop(): Promise<void>;
}

export function startFleetProcess(
  dataDir: string,
  options: { port?: number; redis?: string; brokerOnly?: boolean } = {},
): Promise<FleetProcess> {
  const args = ['--import', 'tsx', 'server/main.ts', '--port', String(options.port ?? 0), '--host', '127.0.0.1'];
  args.push('--data', dataDir);
  if (options.redis) args.push('--redis', options.redis);
  if (options.brokerOnly) args.push('--broker-only');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  // A test or benchmark that ends early takes its servers with it.
  process.once('exit', () => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const instructor = /^instructor: (.+)$/m.exec(out)?.[1] ?? '';
      const join = /^join: (.+)$/m.exec(out)?.[1];
      if (!join || (!instructor && !options.brokerOnly)) return;
      const url = new URL(join);
      resolve({
        child,
        port: Number(url.port),
        instructor,
        join,
        baseUrl: url.origin,
        rssBytes: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]) * 1024,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`the fleet server exited (${code}) before printing its URLs`)));
  });
}
