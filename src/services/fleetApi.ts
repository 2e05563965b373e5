// The workshop server's HTTP API (docs/fleet.md "HTTP API"). It is served beside the broker: its origin is the
// broker's WebSocket URL with http(s) for ws(s). Instructor requests carry the token in the Authorization header
// only, never in a URL.
import * as v from 'valibot';
import {
  CampaignListSchema,
  type CampaignRequest,
  CampaignSummarySchema,
  type CampaignSummary,
  type DeviceRow,
  type ImageRow,
  type JoinRequest,
  JoinResponseSchema,
  type JoinResponse,
  type TelemetryPoint,
  type WorkshopResponse,
  WorkshopResponseSchema,
} from '../fleet/protocol';

/** A request the server answered with an error status (401 a bad instructor token, 403 a bad join code, …). */
export class FleetApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The HTTP origin of the server whose broker is at `workshop` (ws://host:port/mqtt → http://host:port). */
export function apiOrigin(workshop: string): string {
  const url = new URL(workshop);
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new Error(`not a WebSocket URL: ${workshop}`);
  return `${url.protocol === 'wss:' ? 'https:' : 'http:'}//${url.host}`;
}

type Fetch = typeof fetch;

export class FleetApi {
  constructor(
    readonly origin: string,
    private readonly token: string | undefined = undefined,
    private readonly fetchFn: Fetch = (...a) => fetch(...a),
  ) {}

  join(request: JoinRequest): Promise<JoinResponse> {
    return this.json('POST', '/api/join', request, (body) => v.parse(JoinResponseSchema, body));
  }

  /** The workshop's id, which names its topics (ws/<workshop>/…). */
  workshop(): Promise<WorkshopResponse> {
    return this.json('GET', '/api/workshop', undefined, (body) => v.parse(WorkshopResponseSchema, body));
  }

  /** Registers the instructor's public key (hex), which boards that join trust; 409 if another is registered. */
  registerKey(publicKey: string): Promise<WorkshopResponse> {
    return this.json('PUT', '/api/workshop/key', { publicKey }, (body) => v.parse(WorkshopResponseSchema, body));
  }

  devices(): Promise<DeviceRow[]> {
    return this.json('GET', '/api/devices', undefined, (body) => body as DeviceRow[]);
  }

  images(): Promise<ImageRow[]> {
    return this.json('GET', '/api/images', undefined, (body) => body as ImageRow[]);
  }

  uploadImage(bytes: Uint8Array, label: string): Promise<ImageRow> {
    const query = new URLSearchParams({ label });
    return this.json('POST', `/api/images?${query}`, bytes, (body) => body as ImageRow);
  }

  campaigns(): Promise<CampaignSummary[]> {
    return this.json('GET', '/api/campaigns', undefined, (body) => v.parse(CampaignListSchema, body));
  }

  createCampaign(request: CampaignRequest): Promise<CampaignSummary> {
    return this.json('POST', '/api/campaigns', request, (body) => v.parse(CampaignSummarySchema, body));
  }

  cancelCampaign(id: string): Promise<CampaignSummary> {
    return this.json('POST', `/api/campaigns/${encodeURIComponent(id)}/cancel`, {}, (body) =>
      v.parse(CampaignSummarySchema, body),
    );
  }

  telemetry(figure: string, since: number): Promise<TelemetryPoint[]> {
    const query = new URLSearchParams({ figure, since: String(since) });
    return this.json('GET', `/api/telemetry?${query}`, undefined, (body) => body as TelemetryPoint[]);
  }

  private async json<T>(method: string, path: string, body: unknown, read: (body: unknown) => T): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let payload: BodyInit | undefined;
    if (body instanceof Uint8Array) {
      headers['Content-Type'] = 'application/octet-stream';
      payload = body as Uint8Array<ArrayBuffer>;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await this.fetchFn(this.origin + path, { method, headers, body: payload });
    const text = await res.text();
    if (!res.ok) throw new FleetApiError(res.status, errorText(res.status, text));
    try {
      return read(JSON.parse(text));
    } catch (e) {
      throw new Error(`${method} ${path}: unexpected answer (${e instanceof Error ? e.message : String(e)})`, {
        cause: e,
      });
    }
  }
}

/** The server's reason ({error} or plain text), else the status. */
function errorText(status: number, text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && typeof (parsed as { error?: unknown }).error === 'string')
      return (parsed as { error: string }).error;
  } catch {
    // not JSON: the text itself
  }
  return text.trim().slice(0, 200) || `HTTP ${status}`;
}
