// The fleet manager: ordinary MQTT clients of the broker (never a hook inside it) that record what devices publish
// in SQLite, run the campaign engine and publish the retained campaign list. A payload that does not match its
// schema is dropped with a log line.
//
// One session per kind of message it hears (statuses, update statuses, telemetry). aedes forwards to a client only
// packets numbered above the last it forwarded from the same broker (its dedupe, moscajs/aedes#994), and the
// kinds take different paths through a broker: a retained status waits for the persistence to store it, telemetry
// does not. In one session, statuses overtaken by telemetry were dropped for good under load on Redis (800 boards,
// docs/fleet.md); within one kind the broker keeps their order.
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
    /** Publishes (offers, the campaign list) and hears telemetry. */
    private readonly client: MqttClient,
    /** Hear the devices' statuses and their update agents' statuses. */
    private readonly listeners: MqttClient[],
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
    const t = topics(options.workshop);
    const connect = (role: string) =>
      mqtt.connectAsync(options.broker, {
        protocolVersion: 4,
        clientId: `manager-${role}-${Math.random().toString(36).slice(2, 10)}`,
        username: MANAGER_USERNAME,
        password: options.password,
        clean: true,
        reconnectPeriod: 1000,
      });
    const [client, statuses, otaStatuses] = await Promise.all([connect('main'), connect('status'), connect('ota')]);
    const manager = new FleetManager(client, [statuses, otaStatuses], options);
    // QoS 0 from the broker to the manager: a local socket, and aedes-persistence-redis lost some of the QoS 1
    // copies it queued for it under load. What the manager misses while disconnected comes back: retained
    // statuses on resubscribe, an update's final result when the offer is sent again.
    const subscriptions: [MqttClient, string][] = [
      [client, t.anyTelemetry],
      [statuses, t.anyStatus],
      [otaStatuses, t.anyOtaStatus],
    ];
    await Promise.all(
      subscriptions.map(async ([c, topic]) => {
        c.on('message', (at, payload) => manager.receive(at, payload));
        c.on('error', (e) => options.log(`manager: ${e.message}`));
        await c.subscribeAsync(topic, { qos: 0 });
      }),
    );
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
    await Promise.all([this.client, ...this.listeners].map((c) => c.endAsync()));
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
