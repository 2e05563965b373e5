// One workshop server process (docs/fleet.md): the HTTP server (app + API), the MQTT broker on its /mqtt WebSocket
// path and the fleet manager, which connects to that broker like any other client. `npm run fleet` (server/main.ts)
// starts one; the integration tests and the benchmark start them on ephemeral ports.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { INSTRUCTOR_USERNAME, MANAGER_USERNAME } from '../src/fleet/protocol';
import { createFleetBroker, MQTT_PATH, type Credentials, type FleetBroker } from './broker';
import { createHandler, type ApiContext } from './http';
import { addBuiltinImages } from './images';
import { FleetManager } from './manager';
import { FleetStore } from './store';
import { loadOrCreateWorkshop, type Workshop } from './workshop';

export interface FleetServerOptions {
  /** 0: any free port. */
  port: number;
  /** Address to listen on (default 0.0.0.0). */
  host?: string;
  dataDir: string;
  redis?: string;
  /** Serve the app, join and MQTT only; the primary process (same --data, same --redis) runs the manager. */
  brokerOnly?: boolean;
  /** The base URL printed and given to devices; default http://<host>:<port>. */
  publicUrl?: string;
  distDir?: string;
  log?: (message: string) => void;
}

export interface FleetServer {
  workshop: Workshop;
  store: FleetStore;
  manager: FleetManager | undefined;
  broker: FleetBroker;
  port: number;
  /** http://host:port */
  baseUrl: string;
  brokerUrl: string;
  instructorUrl: string;
  joinUrl: string;
  close(): Promise<void>;
}

/** The address attendees reach this machine at: its first LAN IPv4 address when listening on all of them. */
function reachableHost(host: string): string {
  if (host !== '0.0.0.0') return host;
  for (const addrs of Object.values(networkInterfaces()))
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return '127.0.0.1';
}

export async function startFleetServer(options: FleetServerOptions): Promise<FleetServer> {
  const log = options.log ?? ((m: string) => console.log(m));
  const host = options.host ?? '0.0.0.0';
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const workshop = loadOrCreateWorkshop(dataDir);
  const store = new FleetStore(join(dataDir, 'fleet.sqlite'));
  const now = () => Date.now();
  if (!options.brokerOnly) {
    if (!options.redis) store.markAllOffline();
    await addBuiltinImages(store, now());
  }

  const managerPassword = randomBytes(32).toString('base64url');
  const credentials: Credentials = {
    identify(username, password) {
      if (username === MANAGER_USERNAME)
        return !options.brokerOnly && password === managerPassword ? { kind: 'manager' } : undefined;
      if (username === INSTRUCTOR_USERNAME)
        return password === workshop.instructorToken ? { kind: 'instructor' } : undefined;
      return store.checkDevice(username, password) ? { kind: 'device', id: username } : undefined;
    },
  };
  const broker = await createFleetBroker({ workshop: workshop.id, credentials, redis: options.redis, log });

  const ctx: ApiContext = {
    workshop,
    store,
    brokerUrl: '',
    distDir: resolve(options.distDir ?? 'dist'),
    log,
    now,
  };
  const server = createServer(createHandler(ctx));
  broker.attach(server);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, host, () => done());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = (options.publicUrl ?? `http://${reachableHost(host)}:${port}`).replace(/\/$/, '');
  ctx.brokerUrl = `${baseUrl.replace(/^http/, 'ws')}${MQTT_PATH}`;

  let manager: FleetManager | undefined;
  if (!options.brokerOnly) {
    const local = host === '0.0.0.0' ? '127.0.0.1' : host;
    manager = await FleetManager.start({
      broker: `ws://${local}:${port}${MQTT_PATH}`,
      workshop: workshop.id,
      password: managerPassword,
      store,
      log,
      now,
    });
    ctx.engine = manager.engine;
  }

  const ws = encodeURIComponent(ctx.brokerUrl);
  return {
    workshop,
    store,
    manager,
    broker,
    port,
    baseUrl,
    brokerUrl: ctx.brokerUrl,
    instructorUrl: `${baseUrl}/?view=instructor&workshop=${ws}&token=${workshop.instructorToken}`,
    joinUrl: `${baseUrl}/?workshop=${ws}&code=${workshop.code}`,
    async close() {
      await manager?.close();
      server.closeAllConnections();
      await broker.close();
      await new Promise<void>((done) => server.close(() => done()));
      store.close();
    },
  };
}
