// The fleet's records in SQLite (better-sqlite3, WAL): devices and their token hashes, images, campaigns,
// executions and telemetry. Every write is committed before the call returns, so a process killed at any point
// keeps what it acknowledged. Only the fleet manager writes, except join (a new device row).
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import type {
  CampaignRequest,
  CampaignState,
  DeviceRow,
  ExecutionState,
  ImageRow,
  Report,
  TelemetryPoint,
} from '../src/fleet/protocol';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS devices (
  id TEXT PRIMARY KEY, token_hash TEXT NOT NULL, created_at INTEGER NOT NULL, last_seen INTEGER,
  online INTEGER NOT NULL DEFAULT 0, app TEXT, version TEXT, slots TEXT NOT NULL DEFAULT '[]',
  state INTEGER, result INTEGER, status TEXT);
CREATE TABLE IF NOT EXISTS images (
  id TEXT PRIMARY KEY, target TEXT NOT NULL, version TEXT NOT NULL, size INTEGER NOT NULL, etag TEXT NOT NULL,
  source TEXT NOT NULL, label TEXT NOT NULL, created_at INTEGER NOT NULL, bytes BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS campaigns (
  id TEXT PRIMARY KEY, image_id TEXT NOT NULL REFERENCES images(id), request TEXT NOT NULL, state TEXT NOT NULL,
  reason TEXT, created_at INTEGER NOT NULL, rate_level INTEGER NOT NULL DEFAULT 0,
  level_succeeded INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS executions (
  id TEXT PRIMARY KEY, campaign TEXT NOT NULL REFERENCES campaigns(id), device TEXT NOT NULL REFERENCES devices(id),
  state TEXT NOT NULL, status TEXT, started_at INTEGER, updated_at INTEGER NOT NULL, UNIQUE (campaign, device));
CREATE INDEX IF NOT EXISTS executions_by_state ON executions (campaign, state);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS telemetry (
  id INTEGER PRIMARY KEY, device TEXT NOT NULL, ts INTEGER NOT NULL, type TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS telemetry_by_type ON telemetry (type, ts);
CREATE INDEX IF NOT EXISTS telemetry_by_device ON telemetry (device, type, id);
`;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newId = (prefix: string) => `${prefix}-${randomBytes(6).toString('base64url')}`;

export interface StoredImage extends ImageRow {
  bytes: Uint8Array;
}

export interface CampaignRecord {
  id: string;
  imageId: string;
  request: CampaignRequest;
  state: CampaignState;
  reason: string | null;
  createdAt: number;
  /** Exponential rollout: how often the rate has been multiplied, and the successes counted at the last time. */
  rateLevel: number;
  levelSucceeded: number;
}

export interface ExecutionRecord {
  id: string;
  campaign: string;
  device: string;
  state: ExecutionState;
  status: string | null;
  startedAt: number | null;
  updatedAt: number;
}

interface DeviceDbRow {
  id: string;
  last_seen: number | null;
  online: number;
  app: string | null;
  version: string | null;
  slots: string;
  state: number | null;
  result: number | null;
  status: string | null;
}

export interface DeviceUpdate {
  online?: boolean;
  app?: string;
  version?: string | null;
  slots?: { version: string | null; confirmed: boolean }[];
  state?: number;
  result?: number;
  status?: string;
}

export class FleetStore {
  readonly db: Database.Database;

  /** Several processes on one machine may open the same file (WAL): a broker-only process reads device tokens. */
  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  // ---- devices --------------------------------------------------------------------------------------------------

  addDevice(id: string, token: string, now: number): void {
    this.db.prepare('INSERT INTO devices (id, token_hash, created_at) VALUES (?, ?, ?)').run(id, hashToken(token), now);
  }

  /** Whether `token` is `id`'s. */
  checkDevice(id: string, token: string): boolean {
    const row = this.db.prepare('SELECT token_hash FROM devices WHERE id = ?').get(id) as
      { token_hash: string } | undefined;
    return row?.token_hash === hashToken(token);
  }

  updateDevice(id: string, u: DeviceUpdate, now: number): void {
    const sets = ['last_seen = @now'];
    const params: Record<string, unknown> = { id, now };
    const put = (column: string, value: unknown) => {
      sets.push(`${column} = @${column}`);
      params[column] = value;
    };
    if (u.online !== undefined) put('online', u.online ? 1 : 0);
    if (u.app !== undefined) put('app', u.app);
    if (u.version !== undefined) put('version', u.version);
    if (u.slots !== undefined) put('slots', JSON.stringify(u.slots));
    if (u.state !== undefined) put('state', u.state);
    if (u.result !== undefined) put('result', u.result);
    if (u.status !== undefined) put('status', u.status);
    this.db.prepare(`UPDATE devices SET ${sets.join(', ')} WHERE id = @id`).run(params);
  }

  /** At a fresh broker's start no device is connected yet; each says so again when it connects. */
  markAllOffline(): void {
    this.db.prepare('UPDATE devices SET online = 0').run();
  }

  deviceIds(): string[] {
    return (this.db.prepare('SELECT id FROM devices ORDER BY created_at, id').all() as { id: string }[]).map(
      (r) => r.id,
    );
  }

  isOnline(id: string): boolean {
    return (
      (this.db.prepare('SELECT online FROM devices WHERE id = ?').get(id) as { online: number } | undefined)?.online ===
      1
    );
  }

  devices(): DeviceRow[] {
    const latest = new Map<string, Record<string, Report>>();
    const rows = this.db
      .prepare(
        'SELECT device, type, body FROM telemetry WHERE id IN (SELECT max(id) FROM telemetry GROUP BY device, type)',
      )
      .all() as { device: string; type: string; body: string }[];
    for (const r of rows) {
      const of = latest.get(r.device) ?? {};
      of[r.type] = JSON.parse(r.body) as Report;
      latest.set(r.device, of);
    }
    return (this.db.prepare('SELECT * FROM devices ORDER BY created_at, id').all() as DeviceDbRow[]).map((d) => ({
      id: d.id,
      online: d.online === 1,
      lastSeen: d.last_seen,
      app: d.app,
      version: d.version,
      slots: JSON.parse(d.slots) as DeviceRow['slots'],
      state: d.state,
      result: d.result,
      status: d.status,
      telemetry: latest.get(d.id) ?? {},
    }));
  }

  // ---- telemetry ------------------------------------------------------------------------------------------------

  addTelemetry(device: string, ts: number, reports: Report[]): void {
    const insert = this.db.prepare('INSERT INTO telemetry (device, ts, type, body) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const r of reports) insert.run(device, ts, r.type, JSON.stringify(r));
    })();
  }

  telemetryCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM telemetry').get() as { n: number }).n;
  }

  /** `figure` is "<report type>.<field>", e.g. "anomaly.sample.count": the type is the longest prefix with rows. */
  telemetry(figure: string, since: number): TelemetryPoint[] {
    const types = (this.db.prepare('SELECT DISTINCT type FROM telemetry').all() as { type: string }[])
      .map((r) => r.type)
      .filter((t) => figure.startsWith(`${t}.`))
      .sort((a, b) => b.length - a.length);
    const type = types[0];
    if (!type) return [];
    const path = `$.${figure.slice(type.length + 1)}`;
    return this.db
      .prepare(
        `SELECT device, ts, json_extract(body, ?) AS value FROM telemetry
         WHERE type = ? AND ts >= ? AND typeof(json_extract(body, ?)) IN ('integer', 'real') ORDER BY ts, id`,
      )
      .all(path, type, since, path) as TelemetryPoint[];
  }

  // ---- the instructor's key ---------------------------------------------------------------------------------------

  /** The public key (hex, 65-byte SEC1) boards that join are told to trust, once the instructor registered one. */
  instructorKey(): string | undefined {
    const row = this.db.prepare(`SELECT value FROM settings WHERE key = 'instructor_key'`).get() as
      { value: string } | undefined;
    return row?.value;
  }

  /** Registers `key` unless another is registered already; returns the key the workshop trusts after the call. */
  registerInstructorKey(key: string): string {
    this.db.prepare(`INSERT OR IGNORE INTO settings (key, value) VALUES ('instructor_key', ?)`).run(key);
    return this.instructorKey()!;
  }

  // ---- images ---------------------------------------------------------------------------------------------------

  addImage(image: StoredImage): void {
    this.db
      .prepare(
        `INSERT INTO images (id, target, version, size, etag, source, label, created_at, bytes)
         VALUES (@id, @target, @version, @size, @etag, @source, @label, @createdAt, @bytes)`,
      )
      .run({ ...image, bytes: Buffer.from(image.bytes) });
  }

  imageByEtag(etag: string): ImageRow | undefined {
    return this.images().find((i) => i.etag === etag);
  }

  images(): ImageRow[] {
    return this.db
      .prepare(
        `SELECT id, target, version, size, etag, source, label, created_at AS createdAt FROM images
         ORDER BY created_at, id`,
      )
      .all() as ImageRow[];
  }

  image(id: string): StoredImage | undefined {
    const row = this.db
      .prepare(
        `SELECT id, target, version, size, etag, source, label, created_at AS createdAt, bytes FROM images
         WHERE id = ?`,
      )
      .get(id) as (ImageRow & { bytes: Buffer }) | undefined;
    return row && { ...row, bytes: new Uint8Array(row.bytes) };
  }

  // ---- campaigns and executions -----------------------------------------------------------------------------------

  addCampaign(c: CampaignRecord, devices: string[]): void {
    const insertExecution = this.db.prepare(
      `INSERT INTO executions (id, campaign, device, state, updated_at) VALUES (?, ?, ?, 'QUEUED', ?)`,
    );
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT INTO campaigns (id, image_id, request, state, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(c.id, c.imageId, JSON.stringify(c.request), c.state, c.reason, c.createdAt);
      for (const d of devices) insertExecution.run(newId('e'), c.id, d, c.createdAt);
    })();
  }

  campaigns(state?: CampaignState): CampaignRecord[] {
    const rows = (
      state
        ? this.db.prepare('SELECT * FROM campaigns WHERE state = ? ORDER BY created_at DESC, id').all(state)
        : this.db.prepare('SELECT * FROM campaigns ORDER BY created_at DESC, id').all()
    ) as {
      id: string;
      image_id: string;
      request: string;
      state: CampaignState;
      reason: string | null;
      created_at: number;
      rate_level: number;
      level_succeeded: number;
    }[];
    return rows.map((r) => ({
      id: r.id,
      imageId: r.image_id,
      request: JSON.parse(r.request) as CampaignRequest,
      state: r.state,
      reason: r.reason,
      createdAt: r.created_at,
      rateLevel: r.rate_level,
      levelSucceeded: r.level_succeeded,
    }));
  }

  campaign(id: string): CampaignRecord | undefined {
    return this.campaigns().find((c) => c.id === id);
  }

  setCampaignState(id: string, state: CampaignState, reason: string | null): void {
    this.db.prepare('UPDATE campaigns SET state = ?, reason = ? WHERE id = ?').run(state, reason, id);
  }

  setRateLevel(id: string, level: number, succeeded: number): void {
    this.db.prepare('UPDATE campaigns SET rate_level = ?, level_succeeded = ? WHERE id = ?').run(level, succeeded, id);
  }

  executions(campaign: string, state?: ExecutionState): ExecutionRecord[] {
    const sql = `SELECT id, campaign, device, state, status, started_at AS startedAt, updated_at AS updatedAt
                 FROM executions WHERE campaign = ?${state ? ' AND state = ?' : ''} ORDER BY rowid`;
    return (
      state ? this.db.prepare(sql).all(campaign, state) : this.db.prepare(sql).all(campaign)
    ) as ExecutionRecord[];
  }

  execution(id: string): ExecutionRecord | undefined {
    return this.db
      .prepare(
        `SELECT id, campaign, device, state, status, started_at AS startedAt, updated_at AS updatedAt
         FROM executions WHERE id = ?`,
      )
      .get(id) as ExecutionRecord | undefined;
  }

  /** In-progress executions of running campaigns on `device`. */
  inProgressOn(device: string): ExecutionRecord[] {
    return this.db
      .prepare(
        `SELECT e.id, e.campaign, e.device, e.state, e.status, e.started_at AS startedAt, e.updated_at AS updatedAt
         FROM executions e JOIN campaigns c ON c.id = e.campaign
         WHERE e.device = ? AND e.state = 'IN_PROGRESS' AND c.state = 'IN_PROGRESS'`,
      )
      .all(device) as ExecutionRecord[];
  }

  setExecution(id: string, state: ExecutionState, now: number, status?: string | null, startedAt?: number): void {
    this.db
      .prepare(
        `UPDATE executions SET state = ?, updated_at = ?, status = coalesce(?, status),
         started_at = coalesce(?, started_at) WHERE id = ?`,
      )
      .run(state, now, status ?? null, startedAt ?? null, id);
  }

  /** Executions of `campaign` by state. */
  stateCounts(campaign: string): Map<ExecutionState, number> {
    const rows = this.db
      .prepare('SELECT state, count(*) AS n FROM executions WHERE campaign = ? GROUP BY state')
      .all(campaign) as { state: ExecutionState; n: number }[];
    return new Map(rows.map((r) => [r.state, r.n]));
  }

  /** Executions of `campaign` started since `since` (the rollout window). */
  startedSince(campaign: string, since: number): number {
    return (
      this.db
        .prepare('SELECT count(*) AS n FROM executions WHERE campaign = ? AND started_at >= ?')
        .get(campaign, since) as { n: number }
    ).n;
  }

  /** Queued executions of `campaign` whose devices are online, oldest first. */
  queuedOnline(campaign: string, limit: number): ExecutionRecord[] {
    return this.db
      .prepare(
        `SELECT e.id, e.campaign, e.device, e.state, e.status, e.started_at AS startedAt, e.updated_at AS updatedAt
         FROM executions e JOIN devices d ON d.id = e.device
         WHERE e.campaign = ? AND e.state = 'QUEUED' AND d.online = 1 ORDER BY e.rowid LIMIT ?`,
      )
      .all(campaign, limit) as ExecutionRecord[];
  }
}
