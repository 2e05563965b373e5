// Shared by the fleet's integration tests and the benchmark: a server on an ephemeral 127.0.0.1 port with its own
// data directory, log lines kept, and instructor requests.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CampaignRequest, CampaignSummary, DeviceRow } from '../src/fleet/protocol';
import { startFleetServer, type FleetServer } from './fleetServer';

export interface TestFleet {
  server: FleetServer;
  dataDir: string;
  logs: string[];
  api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export const tempDataDir = () => mkdtempSync(join(tmpdir(), 'fleet-'));

export async function startTestFleet(
  options: { dataDir?: string; redis?: string; brokerOnly?: boolean; port?: number } = {},
): Promise<TestFleet> {
  const logs: string[] = [];
  const dataDir = options.dataDir ?? tempDataDir();
  const server = await startFleetServer({
    port: options.port ?? 0,
    host: '127.0.0.1',
    dataDir,
    redis: options.redis,
    brokerOnly: options.brokerOnly,
    log: (m) => logs.push(m),
  });
  const api = async <T>(method: string, path: string, body?: unknown) => {
    const raw = body instanceof Uint8Array;
    const res = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${server.workshop.instructorToken}`,
        'content-type': raw ? 'application/octet-stream' : 'application/json',
      },
      body: body === undefined ? undefined : raw ? Buffer.from(body) : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  return { server, dataDir, logs, api };
}

export const campaignRequest = (imageId: string, over: Partial<CampaignRequest> = {}): CampaignRequest => ({
  imageId,
  target: 'all',
  rate: { kind: 'perMinute', max: 100 },
  abort: { failurePct: 50, minExecutions: 10 },
  timeoutSeconds: 120,
  ...over,
});

export async function campaign(fleet: TestFleet, id: string): Promise<CampaignSummary> {
  return (await fleet.api<CampaignSummary>('GET', `/api/campaigns/${id}`)).body;
}

export async function devices(fleet: TestFleet): Promise<DeviceRow[]> {
  return (await fleet.api<DeviceRow[]>('GET', '/api/devices')).body;
}
