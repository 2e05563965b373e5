// The fleet manager: an ordinary MQTT client of the broker (never a hook inside it) that records what devices
// publish in SQLite, runs the campaign engine and publishes the retained campaign list. A payload that does not
// match its schema is dropped with a log line.
import mqtt, { type MqttClient } from 'mqtt';
import {
  DeviceStatusSchema,
  MANAGER_USERNAME,
  OtaStatusSchema,
  parseDeviceTopic,
  parseJson,
  TelemetrySchema,
  topics,
  type OtaCommand,
} from '../src/fleet/protocol';
import { CampaignEngine } from './campaigns';
import type { FleetStore } from './store';

const TICK_MS = 1000;
const CAMPAIGN_PUBLISH_MS = 250;

export interface ManagerOptions {
  broker: string;
  workshop: string;
  password: string;
  store: FleetStore;
  log: (message: string) => void;
  now?: () => number;
}

export class FleetManager {
  readonly engine: CampaignEngine;
  private readonly t: ReturnType<typeof topics>;
  private readonly now: () => number;
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  private published = '';
  /** Messages handled, by kind (for the benchmark). */
  readonly handled = { status: 0, telemetry: 0, otaStatus: 0, dropped: 0 };

  private constructor(
    private readonly client: MqttClient,
    private readonly options: ManagerOptions,
  ) {
    this.t = topics(options.workshop);
    this.now = options.now ?? (() => Date.now());
    this.engine = new CampaignEngine(options.store, {
      send: (device, command) => this.send(device, command),
      now: this.now,
      log: options.log,
    });
  }

  /** Connects to the broker and subscribes; resolves once the retained device statuses may start arriving. */
  static async start(options: ManagerOptions): Promise<FleetManager> {
    const client = await mqtt.connectAsync(options.broker, {
      protocolVersion: 4,
      clientId: `manager-${Math.random().toString(36).slice(2, 10)}`,
      username: MANAGER_USERNAME,
      password: options.password,
      clean: true,
      reconnectPeriod: 1000,
    });
    const manager = new FleetManager(client, options);
    client.on('message', (topic, payload) => manager.receive(topic, payload));
    client.on('error', (e) => options.log(`manager: ${e.message}`));
    // QoS 0 from the broker to the manager: a local socket, and aedes-persistence-redis lost some of the QoS 1
    // copies it queued for it under load. What the manager misses while disconnected comes back: retained
    // statuses on resubscribe, an update's final result when the offer is sent again.
    await client.subscribeAsync([manager.t.anyStatus, manager.t.anyTelemetry, manager.t.anyOtaStatus], { qos: 0 });
    manager.tickTimer = setInterval(() => manager.tick(), TICK_MS);
    manager.changed();
    return manager;
  }

  /** Runs the engine now (timeouts, rollout) and publishes the campaign list if it changed. */
  tick(): void {
    this.engine.tick();
    this.changed();
  }

  async close(): Promise<void> {
    clearInterval(this.tickTimer);
    clearTimeout(this.publishTimer);
    this.publishCampaigns();
    await this.client.endAsync();
  }

  /** Something that may change a campaign's counts happened: publish the list soon (coalesced). */
  changed(): void {
    this.publishTimer ??= setTimeout(() => {
      this.publishTimer = undefined;
      this.publishCampaigns();
    }, CAMPAIGN_PUBLISH_MS);
  }

  private publishCampaigns(): void {
    const json = JSON.stringify(this.engine.summaries());
    if (json === this.published) return;
    this.published = json;
    this.client.publish(this.t.campaign, json, { qos: 1, retain: true });
  }

  private send(device: string, command: OtaCommand): void {
    this.client.publish(this.t.ota(device), JSON.stringify(command), { qos: 1 });
  }

  private drop(topic: string, problem: string): void {
    this.handled.dropped++;
    this.options.log(`manager: dropped a message on ${topic}: ${problem}`);
  }

  private receive(topic: string, payload: Buffer): void {
    const at = parseDeviceTopic(this.options.workshop, topic);
    if (!at) return;
    const { store } = this.options;
    const now = this.now();
    if (at.kind === 'status') {
      if (payload.length === 0) return; // a cleared retained message
      const r = parseJson(DeviceStatusSchema, payload);
      if (!r.ok) return this.drop(topic, r.problem);
      this.handled.status++;
      const s = r.value;
      const wasOnline = store.isOnline(at.id);
      if (s.online) {
        store.updateDevice(
          at.id,
          { online: true, app: s.app, version: s.version, slots: s.slots, state: s.state, result: s.result },
          now,
        );
        if (!wasOnline) this.engine.deviceOnline(at.id);
      } else store.updateDevice(at.id, { online: false }, now);
    } else if (at.kind === 'telemetry') {
      const r = parseJson(TelemetrySchema, payload);
      if (!r.ok) return this.drop(topic, r.problem);
      this.handled.telemetry++;
      store.addTelemetry(at.id, now, r.value.reports);
      store.updateDevice(at.id, {}, now);
    } else if (at.kind === 'ota/status') {
      const r = parseJson(OtaStatusSchema, payload);
      if (!r.ok) return this.drop(topic, r.problem);
      this.handled.otaStatus++;
      const s = r.value;
      store.updateDevice(
        at.id,
        {
          state: s.state,
          result: s.result,
          status: s.status,
          version: s.running,
          slots: s.slots.map((x) => ({ version: x.version, confirmed: x.confirmed })),
        },
        now,
      );
      this.engine.otaStatus(at.id, s);
    }
    this.changed();
  }
}
