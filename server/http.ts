// The workshop's HTTP side (docs/fleet.md "HTTP API"): the built app from dist/, the join endpoint for attendees'
// pages and the instructor's JSON API behind the instructor token. Every body is checked against its schema; bad
// input gets a 4xx with the reason, never a crash.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { p256 } from '@noble/curves/nist.js';
import * as v from 'valibot';
import {
  CampaignRequestSchema,
  InstructorKeyRequestSchema,
  JoinRequestSchema,
  type JoinResponse,
  type WorkshopResponse,
} from '../src/fleet/protocol';
import type { CampaignEngine } from './campaigns';
import { describeImage } from './images';
import { newId, type FleetStore } from './store';
import type { Workshop } from './workshop';

const BODY_LIMIT = 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.img': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.bin': 'application/octet-stream',
};

export interface ApiContext {
  workshop: Workshop;
  store: FleetStore;
  /** The campaign engine of this process's manager; absent on a broker-only process (--broker-only). */
  engine?: CampaignEngine;
  /** The broker URL devices are told to connect to. */
  brokerUrl: string;
  distDir: string;
  log: (message: string) => void;
  now: () => number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(json);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new HttpError(413, `a body is at most ${BODY_LIMIT} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function readJson<S extends v.GenericSchema>(req: IncomingMessage, schema: S): Promise<v.InferOutput<S>> {
  const body = await readBody(req);
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
  const r = v.safeParse(schema, json);
  if (!r.success) {
    const path = v.getDotPath(r.issues[0]);
    throw new HttpError(422, `${path ? `${path}: ` : ''}${r.issues[0].message}`);
  }
  return r.output;
}

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function serveStatic(ctx: ApiContext, path: string, res: ServerResponse): void {
  const rel = normalize(decodeURIComponent(path)).replace(/^([/\\])+/, '');
  let file = join(ctx.distDir, rel);
  if (!file.startsWith(ctx.distDir + sep) && file !== ctx.distDir) throw new HttpError(404, 'not found');
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(ctx.distDir, 'index.html');
  if (!existsSync(file)) throw new HttpError(404, 'the app is not built: run npm run build');
  // Public files: a page on another site may load the embed SDK, and a board in a sandboxed iframe (an opaque
  // origin) its own scripts (docs/embed.md "Sandboxed iframes").
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'access-control-allow-origin': '*',
  });
  res.end(readFileSync(file));
}

function join_(ctx: ApiContext, request: v.InferOutput<typeof JoinRequestSchema>): JoinResponse {
  if (!sameSecret(request.code, ctx.workshop.code)) throw new HttpError(403, 'wrong join code');
  const instructorKey = ctx.store.instructorKey();
  const answer = (deviceId: string, token: string): JoinResponse => ({
    workshop: ctx.workshop.id,
    deviceId,
    token,
    broker: ctx.brokerUrl,
    ...(instructorKey && { instructorKey }),
  });
  if (request.deviceId && request.token && ctx.store.checkDevice(request.deviceId, request.token))
    return answer(request.deviceId, request.token);
  const deviceId = newId('d');
  const token = randomBytes(32).toString('base64url');
  ctx.store.addDevice(deviceId, token, ctx.now());
  ctx.log(`join: device ${deviceId}`);
  return answer(deviceId, token);
}

function workshopAnswer(ctx: ApiContext): WorkshopResponse {
  const instructorKey = ctx.store.instructorKey();
  return { workshop: ctx.workshop.id, ...(instructorKey && { instructorKey }) };
}

function engineOf(ctx: ApiContext): CampaignEngine {
  if (!ctx.engine) throw new HttpError(503, 'this is a broker-only process: campaigns are run by the primary one');
  return ctx.engine;
}

async function api(ctx: ApiContext, req: IncomingMessage, url: URL, res: ServerResponse): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  if (route === 'POST /api/join') return send(res, 200, join_(ctx, await readJson(req, JoinRequestSchema)));

  const auth = req.headers.authorization ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
  if (!sameSecret(token, ctx.workshop.instructorToken)) throw new HttpError(401, 'instructor token required');

  if (route === 'GET /api/workshop') return send(res, 200, workshopAnswer(ctx));
  if (route === 'PUT /api/workshop/key') {
    const { publicKey } = await readJson(req, InstructorKeyRequestSchema);
    try {
      p256.Point.fromHex(publicKey).assertValidity();
    } catch {
      throw new HttpError(422, 'not a point of P-256');
    }
    if (ctx.store.registerInstructorKey(publicKey) !== publicKey)
      throw new HttpError(
        409,
        "the workshop trusts another instructor profile's key already (boards that joined hold it): sign images in that browser profile, or start a new workshop with another --data directory",
      );
    ctx.log('workshop: instructor key registered');
    return send(res, 200, workshopAnswer(ctx));
  }
  if (route === 'GET /api/devices') return send(res, 200, ctx.store.devices());
  if (route === 'GET /api/images') return send(res, 200, ctx.store.images());
  if (route === 'POST /api/images') {
    const bytes = new Uint8Array(await readBody(req));
    const label = url.searchParams.get('label') ?? 'uploaded image';
    const image = describeImage(bytes, 'upload', label.slice(0, 80), ctx.now(), ctx.store.instructorKey());
    if (typeof image === 'string') throw new HttpError(422, image);
    ctx.store.addImage(image);
    const { bytes: _bytes, ...row } = image;
    ctx.log(`images: ${row.id} ${row.target} v${row.version} uploaded`);
    return send(res, 201, row);
  }
  if (route === 'GET /api/campaigns') return send(res, 200, engineOf(ctx).summaries());
  if (route === 'POST /api/campaigns') {
    const created = engineOf(ctx).create(await readJson(req, CampaignRequestSchema));
    if (typeof created === 'string') throw new HttpError(422, created);
    ctx.log(`campaign ${created.id}: created for ${created.total} devices, image ${created.imageId}`);
    return send(res, 201, created);
  }
  if (route === 'GET /api/telemetry') {
    const figure = url.searchParams.get('figure') ?? '';
    const since = Number(url.searchParams.get('since') ?? 0);
    if (!/^[\w.]+$/.test(figure) || !Number.isFinite(since))
      throw new HttpError(422, 'figure=<type>.<field>&since=<ms>');
    return send(res, 200, ctx.store.telemetry(figure, since));
  }
  const campaign = /^\/api\/campaigns\/([\w-]+)(\/cancel)?$/.exec(url.pathname);
  if (campaign && req.method === 'GET' && !campaign[2]) {
    const detail = engineOf(ctx).detail(campaign[1]!);
    if (!detail) throw new HttpError(404, 'no such campaign');
    return send(res, 200, detail);
  }
  if (campaign && req.method === 'POST' && campaign[2]) {
    const summary = engineOf(ctx).cancel(campaign[1]!);
    if (!summary) throw new HttpError(404, 'no such campaign');
    return send(res, 200, summary);
  }
  throw new HttpError(404, `no ${route}`);
}

/** The request handler for node:http. */
export function createHandler(ctx: ApiContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handle = url.pathname.startsWith('/api/')
      ? api(ctx, req, url, res)
      : Promise.resolve().then(() => serveStatic(ctx, url.pathname, res));
    handle.catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 500) ctx.log(`http: ${req.method} ${url.pathname}: ${e instanceof Error ? e.stack : String(e)}`);
      if (!res.headersSent) send(res, status, { error: e instanceof Error ? e.message : String(e) });
      else res.end();
    });
  };
}
