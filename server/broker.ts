// The workshop's MQTT 3.1.1 broker: aedes on WebSocket (ws) at /mqtt of the HTTP server, with the fleet's ACLs
// (docs/fleet.md "Identities and credentials") and size limits. It knows nothing of campaigns or SQLite: it asks
// `credentials` who a CONNECT is, and routes. With a Redis URL its message bus and persistence are shared with other
// brokers (mqemitter-redis, aedes-persistence-redis), so several processes serve one fleet.
import { Aedes, type Client, type PublishPacket, type Subscription } from 'aedes';
import aedesPersistenceRedis from 'aedes-persistence-redis';
import mqemitterRedis from 'mqemitter-redis';
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { DEVICE_PUBLISH_LIMIT, MESSAGE_LIMIT, topics } from '../src/fleet/protocol';

export const MQTT_PATH = '/mqtt';
const MAX_TOPIC_LEVELS = 16;

export type Role = { kind: 'device'; id: string } | { kind: 'instructor' } | { kind: 'manager' };

export interface Credentials {
  /** Who `username`/`password` are, or undefined when they are no one's. */
  identify(username: string, password: string): Role | undefined;
}

export interface BrokerOptions {
  workshop: string;
  credentials: Credentials;
  redis?: string;
  log: (message: string) => void;
}

export interface FleetBroker {
  aedes: Aedes;
  /** Serves MQTT over WebSocket on `server`'s upgrade requests to MQTT_PATH. */
  attach(server: HttpServer): void;
  close(): Promise<void>;
}

/** ioredis options from a redis:// URL (aedes-persistence-redis passes them to ioredis). */
function redisOptions(url: string): { host: string; port: number; password?: string; db?: number } {
  const u = new URL(url);
  if (u.protocol !== 'redis:') throw new Error(`--redis wants a redis:// URL, not ${url}`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db !== undefined ? { db } : {}),
  };
}

export async function createFleetBroker(options: BrokerOptions): Promise<FleetBroker> {
  const { log } = options;
  const t = topics(options.workshop);
  const roles = new WeakMap<Client, Role>();
  const own = (id: string) => new Set([t.status(id), t.telemetry(id), t.otaStatus(id)]);

  const mayPublish = (role: Role, packet: PublishPacket): string | undefined => {
    if (role.kind === 'manager') return packet.topic.startsWith(`${t.root}/`) ? undefined : 'outside the workshop';
    if (role.kind === 'instructor') return 'the instructor page only reads';
    if (!own(role.id).has(packet.topic)) return 'not one of its own topics';
    if (packet.payload.length > DEVICE_PUBLISH_LIMIT)
      return `${packet.payload.length} bytes (limit ${DEVICE_PUBLISH_LIMIT})`;
    return undefined;
  };

  const maySubscribe = (role: Role, topic: string): boolean => {
    if (role.kind === 'manager' || role.kind === 'instructor') return topic === t.all || topic.startsWith(`${t.root}/`);
    return topic === t.ota(role.id) || topic === t.campaign;
  };

  const redis = options.redis ? redisOptions(options.redis) : undefined;
  const aedes = await Aedes.createBroker({
    maxTopicLevels: MAX_TOPIC_LEVELS,
    drainTimeout: 10_000,
    ...(redis ? { mq: mqemitterRedis(redis), persistence: aedesPersistenceRedis(redis) } : {}),
    authenticate(client, username, password, done) {
      const role =
        username === undefined ? undefined : options.credentials.identify(username, password?.toString() ?? '');
      if (!role || (role.kind === 'device' && client.id !== role.id)) {
        log(`mqtt: refused CONNECT of ${client.id} as ${username ?? '(no username)'}: bad credentials`);
        const error = Object.assign(new Error('bad credentials'), { returnCode: 4 });
        done(error as never, false);
        return;
      }
      roles.set(client, role);
      done(null, true);
    },
    authorizePublish(client, packet, done) {
      const role = client && roles.get(client);
      const why = role ? mayPublish(role, packet) : 'unknown client';
      if (why) {
        log(`mqtt: dropped a publish of ${client?.id ?? '(broker)'} on ${packet.topic}: ${why}`);
        done(new Error(why));
        return;
      }
      done(null);
    },
    // The instructor page reads everything but the image offers (an image per device it already has): a page that
    // reads slowly would otherwise hold up their delivery to the boards.
    authorizeForward(client, packet) {
      return roles.get(client)?.kind === 'instructor' && packet.topic.endsWith('/ota') ? null : packet;
    },
    authorizeSubscribe(client, sub: Subscription, done) {
      const role = roles.get(client);
      if (!role || !maySubscribe(role, sub.topic)) {
        log(`mqtt: refused a subscription of ${client.id} to ${sub.topic}`);
        done(null, null as unknown as Subscription);
        return;
      }
      done(null, sub);
    },
  });
  aedes.on('clientError', (client, err) => log(`mqtt: client ${client.id}: ${err.message}`));
  aedes.on('connectionError', (client, err) => log(`mqtt: connection ${client.id ?? '?'}: ${err.message}`));

  const wss = new WebSocketServer({ noServer: true, maxPayload: MESSAGE_LIMIT });
  wss.on('connection', (socket) => {
    socket.on('error', (e) => log(`mqtt: websocket closed: ${e.message}`));
    const stream = createWebSocketStream(socket);
    stream.on('error', () => socket.terminate());
    aedes.handle(stream as never);
  });

  return {
    aedes,
    attach(server: HttpServer) {
      server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        if (path !== MQTT_PATH) {
          socket.destroy();
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
      });
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
    },
  };
}
