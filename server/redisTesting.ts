// A throwaway redis-server for the scale-out test and the benchmark: 127.0.0.1 only, an ephemeral port, nothing
// saved to disk. Undefined where redis-server is not on PATH (Debian package redis-server).
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

export const hasRedis = () => spawnSync('redis-server', ['--version']).status === 0;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // A test or benchmark that ends early (a failure, Ctrl-C) takes its Redis with it.
  const orphaned = () => child.kill('SIGTERM');
  process.once('exit', orphaned);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out.slice(-400)}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', orphaned);
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
