// The board's network interface in a workshop (docs/fleet.md): an MQTT 3.1.1 session over WebSocket (mqtt.js, no
// DOM: it runs in the firmware worker and in Node). Image offers from the fleet manager go to the board's update
// link, so the firmware's update agent downloads, verifies and confirms them itself; the link is up exactly while
// the session is. The firmware's telemetry goes out batched; its update agent's ota.status reports go to their own
// topic, tagged with the campaign whose offer they are about, and keep the retained device status current.
import mqtt, { type MqttClient } from 'mqtt';
import { NetStatus, type NetStatusValue } from '../runtime/abi/abiSpec';
import {
  DEVICE_PUBLISH_LIMIT,
  HEARTBEAT_INTERVAL_MS,
  OFFLINE,
  OtaCommandSchema,
  type DeviceStatus,
  type OtaOffer,
  type OtaStatus,
  type Report,
  parseJson,
  TELEMETRY_INTERVAL_MS,
  topics,
  UPDATE_RESULT,
} from './protocol';

/** What the device client needs of a board's update link (SimUpdateLink). */
export interface FleetLink {
  offerPackage(bytes: Uint8Array, etag: Uint8Array): void;
  withdraw(): void;
  setConnected(connected: boolean): void;
}

/** What the device client needs of a board (src/runtime Board): its update link and its telemetry reports. */
/** The board's network interface (SimNetwork): the firmware sees the session's state through it. */
export interface FleetNetwork {
  setStatus(status: NetStatusValue, name?: string): void;
}

export interface FleetBoard {
  updateLink: FleetLink;
  network: FleetNetwork;
  telemetry: { add(fn: (json: string) => void): () => void };
}

export interface FleetDeviceOptions {
  /** The broker's WebSocket URL and this device's credentials, as POST /api/join answered. */
  broker: string;
  workshop: string;
  deviceId: string;
  token: string;
  /** The firmware app the board runs. */
  app: string;
  link: FleetLink;
  network?: FleetNetwork;
  /** Wall clock, ms since the epoch. */
  now?: () => number;
  log?: (message: string) => void;
  /** Wait before reconnecting, ms. */
  reconnectMs?: number;
}

const hexBytes = (hex: string) => Uint8Array.from(hex.match(/../g)!, (b) => parseInt(b, 16));
const base64Bytes = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const encoder = new TextEncoder();

/** A result after which the agent is done with an offer (connection lost is not: the download resumes). */
const isFinal = (result: number) => result !== UPDATE_RESULT.initial && result !== UPDATE_RESULT.connectionLost;

export class FleetDevice {
  private readonly client: MqttClient;
  private readonly t: ReturnType<typeof topics>;
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  /** The campaign's offer this device works on, with its image (re-offered when a lost connection is back). */
  private offer: (Pick<OtaOffer, 'campaign' | 'execution' | 'etag'> & { bytes: Uint8Array }) | undefined;
  private ota: OtaStatus | undefined;
  private batch: Report[] = [];
  private batchBytes = 0;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private connectedListeners = new Set<(connected: boolean) => void>();
  private unsubscribe: (() => void) | undefined;
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private closing = false;
  /** The page's own reports (e.g. lesson progress), newest per type: see keep(). */
  private readonly kept = new Map<string, string>();

  constructor(private readonly options: FleetDeviceOptions) {
    this.t = topics(options.workshop);
    this.now = options.now ?? (() => Date.now());
    this.log = options.log ?? ((m) => console.warn(m));
    options.link.setConnected(false);
    options.network?.setStatus(NetStatus.CONNECTING, `workshop ${options.workshop}, device ${options.deviceId}`);
    this.client = mqtt.connect(options.broker, {
      protocolVersion: 4,
      clientId: options.deviceId,
      username: options.deviceId,
      password: options.token,
      clean: true,
      reconnectPeriod: options.reconnectMs ?? 1000,
      will: {
        topic: this.t.status(options.deviceId),
        payload: encoder.encode(JSON.stringify(OFFLINE)) as Buffer,
        qos: 1,
        retain: true,
      },
    });
    this.client.on('connect', () => this.onConnect());
    this.client.on('close', () => this.setConnected(false));
    this.client.on('message', (topic, payload) => this.onMessage(topic, payload));
    this.client.on('error', (e) => this.log(`fleet: ${e.message}`));
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_INTERVAL_MS);
  }

  /**
   * Makes `board` a fleet device: its update link becomes this session's, its telemetry goes out. The firmware
   * worker and the headless boards both start a device this way; close() ends the session and the forwarding.
   */
  static forBoard(board: FleetBoard, options: Omit<FleetDeviceOptions, 'link'>): FleetDevice {
    const device = new FleetDevice({ ...options, link: board.updateLink, network: board.network });
    device.unsubscribe = board.telemetry.add((json) => device.report(json));
    return device;
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /** Called with true when the session is up and false when it drops; returns its unsubscribe. */
  onConnectedChange(fn: (connected: boolean) => void): () => void {
    this.connectedListeners.add(fn);
    return () => this.connectedListeners.delete(fn);
  }

  /** One telemetry report of the firmware (the JSON sim_telemetry carried). */
  report(json: string): void {
    let report: Report;
    try {
      report = JSON.parse(json) as Report;
    } catch {
      return; // the page's own check reports a firmware's malformed telemetry
    }
    if (typeof report?.type !== 'string') return;
    if (report.type === 'ota.status') this.onOtaStatus(report as unknown as OtaStatus);
    else this.queue(report, json.length);
  }

  /**
   * A report of the page itself rather than the firmware (e.g. the learner's lesson progress): sent now, and again
   * on every (re)connection and with every heartbeat, so a subscriber that missed it (telemetry is not retained)
   * hears it soon.
   */
  keep(json: string): void {
    const report = JSON.parse(json) as Report;
    this.kept.set(report.type, json);
    this.report(json);
  }

  /** Ends the session cleanly: the retained status says offline. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.unsubscribe?.();
    clearTimeout(this.flushTimer);
    if (this.client.connected) await this.publish(this.t.status(this.options.deviceId), OFFLINE, 1, true);
    this.closing = true;
    await this.client.endAsync();
    this.setConnected(false);
  }

  /**
   * Drops the connection without a DISCONNECT, as a lost network would: the link goes down at once (a block in
   * flight is lost), the broker sends the last will, and the client reconnects after its reconnect period.
   */
  drop(): void {
    this.setConnected(false);
    this.client.stream.destroy();
  }

  /** Down means reconnecting, until close() ends the session. */
  private setConnected(connected: boolean): void {
    this.options.link.setConnected(connected);
    const down = this.closing ? NetStatus.DISCONNECTED : NetStatus.CONNECTING;
    this.options.network?.setStatus(connected ? NetStatus.GLOBAL_UP : down);
    for (const fn of this.connectedListeners) fn(connected);
  }

  private onConnect(): void {
    const id = this.options.deviceId;
    // The status goes out once the broker has answered the subscription: the session is then fully set up (a
    // publish right after CONNACK was sometimes lost between brokers on Redis).
    this.client.subscribe([this.t.ota(id), this.t.campaign], { qos: 1 }, (err) => {
      if (err) this.log(`fleet: subscribe refused: ${err.message}`);
      void this.publishStatus();
    });
    this.setConnected(true);
    for (const json of this.kept.values()) this.report(json);
    this.resumeIfLost();
  }

  /** A download the lost connection cut short goes on from the block it had (the agent knows the ETag). */
  private resumeIfLost(): void {
    const ota = this.ota;
    const offer = this.offer;
    if (!offer || !this.client.connected || ota?.etag !== offer.etag) return;
    if (ota.state === 0 && ota.result === UPDATE_RESULT.connectionLost)
      this.options.link.offerPackage(offer.bytes, hexBytes(offer.etag));
  }

  private beat(): void {
    if (!this.client.connected) return;
    void this.publishStatus();
    for (const json of this.kept.values()) this.report(json);
    if (this.ota && this.offer?.etag === this.ota.etag) void this.publishOtaStatus(this.ota);
  }

  private onMessage(topic: string, payload: Uint8Array): void {
    if (topic !== this.t.ota(this.options.deviceId)) return; // the campaign list is for display only
    const r = parseJson(OtaCommandSchema, payload);
    if (!r.ok) {
      this.log(`fleet: dropped a malformed command on ${topic}: ${r.problem}`);
      return;
    }
    const cmd = r.value;
    if (cmd.op === 'cancel') {
      if (this.offer?.campaign !== cmd.campaign) return;
      this.offer = undefined;
      this.options.link.withdraw();
    } else this.onOffer(cmd);
  }

  /**
   * An offer the agent already finished is answered with its result again (the manager may have missed it); one it
   * is working on is left alone; any other goes to the update link (a download cut short resumes by its ETag).
   */
  private onOffer(offer: OtaOffer): void {
    let bytes: Uint8Array;
    try {
      bytes = base64Bytes(offer.image);
    } catch {
      this.log(`fleet: dropped an offer whose image is not base64`);
      return;
    }
    if (bytes.length !== offer.size) {
      this.log(`fleet: dropped an offer of ${bytes.length} bytes that says ${offer.size}`);
      return;
    }
    this.offer = { campaign: offer.campaign, execution: offer.execution, etag: offer.etag, bytes };
    const ota = this.ota;
    if (ota?.etag === offer.etag && ota.state === 0 && isFinal(ota.result)) void this.publishOtaStatus(ota);
    else if (ota?.etag === offer.etag && ota.state !== 0)
      return; // the agent is on it already
    else this.options.link.offerPackage(bytes, hexBytes(offer.etag));
  }

  private onOtaStatus(report: OtaStatus): void {
    this.ota = report;
    void this.publishOtaStatus(report);
    void this.publishStatus();
    this.resumeIfLost();
  }

  private publishOtaStatus(report: OtaStatus): Promise<void> {
    const { type: _type, ...fields } = report as OtaStatus & { type?: string };
    const offer = this.offer?.etag === report.etag ? this.offer : undefined;
    const tagged = offer ? { ...fields, campaign: offer.campaign, execution: offer.execution } : fields;
    return this.publish(this.t.otaStatus(this.options.deviceId), tagged, 1, false);
  }

  private publishStatus(): Promise<void> {
    const ota = this.ota;
    const status: DeviceStatus = {
      online: true,
      app: this.options.app,
      version: ota?.running ?? null,
      slots: ota?.slots.map((s) => ({ version: s.version, confirmed: s.confirmed })) ?? [],
      state: ota?.state ?? 0,
      result: ota?.result ?? 0,
      ts: this.now(),
    };
    return this.publish(this.t.status(this.options.deviceId), status, 1, true);
  }

  private queue(report: Report, bytes: number): void {
    const room = DEVICE_PUBLISH_LIMIT - 64; // the batch's envelope
    if (bytes > room) return; // a report the broker would refuse is not forwarded (docs/fleet.md)
    if (this.batchBytes + bytes + 1 > room) this.flush();
    this.batch.push(report);
    this.batchBytes += bytes + 1;
    this.flushTimer ??= setTimeout(() => this.flush(), TELEMETRY_INTERVAL_MS);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.batch.length) return;
    const reports = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    if (this.client.connected)
      void this.publish(this.t.telemetry(this.options.deviceId), { ts: this.now(), reports }, 0, false);
  }

  private async publish(topic: string, body: unknown, qos: 0 | 1, retain: boolean): Promise<void> {
    if (!this.client.connected) return;
    try {
      await this.client.publishAsync(topic, JSON.stringify(body), { qos, retain });
    } catch (e) {
      this.log(`fleet: publish on ${topic} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
