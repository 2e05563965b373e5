// The campaign engine, modelled on AWS IoT Jobs (docs/fleet.md "Campaigns"): one execution per target device,
// started at the rollout rate while the device is online, settled by the update agent's final result, timed out,
// aborted by the failure criteria, cancelled. Its whole state is in the store, so a restarted manager goes on.
import {
  COUNT_KEY,
  EXECUTION_STATES,
  FAILURE_STATES,
  TERMINAL_STATES,
  UPDATE_RESULT,
  type CampaignDetail,
  type CampaignRequest,
  type CampaignSummary,
  type Counts,
  type ExecutionState,
  type OtaCommand,
  type OtaOffer,
  type OtaStatus,
} from '../src/fleet/protocol';
import { newId, type CampaignRecord, type FleetStore } from './store';

const MINUTE_MS = 60_000;

export interface EngineIo {
  /** Sends a command to a device's ota topic. */
  send(device: string, command: OtaCommand): void;
  now(): number;
  log(message: string): void;
}

/** The execution state an update agent's final report settles, or undefined while it is not final. */
export function settle(status: OtaStatus, version: string): ExecutionState | undefined {
  if (status.state !== 0) return undefined;
  switch (status.result) {
    case UPDATE_RESULT.initial:
    case UPDATE_RESULT.connectionLost:
      return undefined; // nothing yet, or a download that resumes when the link is back
    case UPDATE_RESULT.success:
      return status.running === version ? 'SUCCEEDED' : 'FAILED';
    case UPDATE_RESULT.unsupportedPackageType:
      return 'REJECTED';
    case UPDATE_RESULT.cancelled:
      return 'CANCELED';
    case UPDATE_RESULT.updateFailed:
      return status.slots.some((s) => s.check === 'securityCounterTooLow') ? 'REJECTED' : 'FAILED';
    default:
      return 'FAILED';
  }
}

export class CampaignEngine {
  private readonly encoded = new Map<string, Pick<OtaOffer, 'version' | 'etag' | 'size' | 'image'>>();

  constructor(
    private readonly store: FleetStore,
    private readonly io: EngineIo,
  ) {}

  create(request: CampaignRequest): CampaignSummary | string {
    if (!this.store.image(request.imageId)) return `no image ${request.imageId}`;
    const known = new Set(this.store.deviceIds());
    const devices = request.target === 'all' ? [...known] : [...new Set(request.target)];
    const unknown = devices.filter((d) => !known.has(d));
    if (unknown.length) return `unknown devices: ${unknown.join(', ')}`;
    if (!devices.length) return 'no devices to target';
    const c: CampaignRecord = {
      id: newId('c'),
      imageId: request.imageId,
      request,
      state: 'IN_PROGRESS',
      reason: null,
      createdAt: this.io.now(),
      rateLevel: 0,
      levelSucceeded: 0,
    };
    this.store.addCampaign(c, devices);
    this.advance(c);
    return this.summary(c.id)!;
  }

  cancel(id: string): CampaignSummary | undefined {
    const c = this.store.campaign(id);
    if (!c) return undefined;
    if (c.state === 'IN_PROGRESS') this.stop(c, 'CANCELED', 'cancelled by the instructor');
    return this.summary(id);
  }

  /** Every running campaign: timeouts, abort criteria, the rollout, completion. */
  tick(): void {
    for (const c of this.store.campaigns('IN_PROGRESS')) this.advance(c);
  }

  /** A device came online: its in-progress offers are sent again (it resumes by ETag), and it may get queued ones. */
  deviceOnline(device: string): void {
    for (const e of this.store.inProgressOn(device)) this.offer(this.store.campaign(e.campaign)!, e.id, device);
    this.tick();
  }

  /** The update agent of `device` reported on the offer of `status.execution`. */
  otaStatus(device: string, status: OtaStatus): void {
    if (!status.execution) return;
    const e = this.store.execution(status.execution);
    if (!e || e.device !== device || e.state !== 'IN_PROGRESS') return;
    const c = this.store.campaign(e.campaign)!;
    const image = this.store.image(c.imageId)!;
    if (status.etag !== image.etag) return;
    const outcome = settle(status, image.version);
    this.store.setExecution(e.id, outcome ?? 'IN_PROGRESS', this.io.now(), status.status);
    if (outcome) this.advance(c);
  }

  summaries(): CampaignSummary[] {
    return this.store.campaigns().map((c) => this.summaryOf(c));
  }

  summary(id: string): CampaignSummary | undefined {
    const c = this.store.campaign(id);
    return c && this.summaryOf(c);
  }

  detail(id: string): CampaignDetail | undefined {
    const c = this.store.campaign(id);
    if (!c) return undefined;
    const executions = this.store
      .executions(id)
      .map((e) => ({ id: e.id, device: e.device, state: e.state, status: e.status, updatedAt: e.updatedAt }));
    return { ...this.summaryOf(c), request: c.request, executions };
  }

  private summaryOf(c: CampaignRecord): CampaignSummary {
    const byState = this.store.stateCounts(c.id);
    const counts = Object.fromEntries(EXECUTION_STATES.map((s) => [COUNT_KEY[s], byState.get(s) ?? 0])) as Counts;
    const total = [...byState.values()].reduce((a, b) => a + b, 0);
    const version = this.store.image(c.imageId)?.version ?? '';
    const summary: CampaignSummary = {
      id: c.id,
      imageId: c.imageId,
      version,
      state: c.state,
      counts,
      total,
      createdAt: c.createdAt,
    };
    if (c.reason) summary.reason = c.reason;
    return summary;
  }

  private advance(c: CampaignRecord): void {
    if (c.state !== 'IN_PROGRESS') return;
    const now = this.io.now();
    const timeoutMs = c.request.timeoutSeconds * 1000;
    for (const e of this.store.executions(c.id, 'IN_PROGRESS')) {
      if (e.startedAt !== null && now - e.startedAt > timeoutMs) {
        this.store.setExecution(e.id, 'TIMED_OUT', now, `no result within ${c.request.timeoutSeconds} s`);
        this.io.send(e.device, { op: 'cancel', campaign: c.id });
      }
    }
    const counts = this.store.stateCounts(c.id);
    const n = (states: readonly ExecutionState[]) => states.reduce((sum, s) => sum + (counts.get(s) ?? 0), 0);
    const terminal = n(TERMINAL_STATES);
    const failed = n(FAILURE_STATES);
    const { failurePct, minExecutions } = c.request.abort;
    if (terminal >= minExecutions && (failed * 100) / terminal >= failurePct) {
      this.stop(
        c,
        'ABORTED',
        `${failed} of ${terminal} executions failed (abort at ${failurePct} % after ${minExecutions})`,
      );
      return;
    }
    if (n(['QUEUED', 'IN_PROGRESS']) === 0) {
      this.store.setCampaignState(c.id, 'COMPLETED', null);
      this.io.log(`campaign ${c.id}: completed`);
      return;
    }
    const room = this.ratePerMinute(c, counts.get('SUCCEEDED') ?? 0) - this.store.startedSince(c.id, now - MINUTE_MS);
    if (room <= 0) return;
    for (const e of this.store.queuedOnline(c.id, room)) {
      this.store.setExecution(e.id, 'IN_PROGRESS', now, 'offered', now);
      this.offer(c, e.id, e.device);
    }
  }

  /** The rollout's current maximum per minute (AWS IoT Jobs' exponential rate grows with successes). */
  private ratePerMinute(c: CampaignRecord, succeeded: number): number {
    const rate = c.request.rate;
    if (rate.kind === 'perMinute') return rate.max;
    let level = c.rateLevel;
    let since = c.levelSucceeded;
    const at = (l: number) => Math.floor(rate.base * rate.factor ** l);
    while (succeeded - since >= at(level)) {
      since += at(level);
      level += 1;
    }
    if (level !== c.rateLevel) {
      this.store.setRateLevel(c.id, level, since);
      c.rateLevel = level;
      c.levelSucceeded = since;
    }
    return at(level);
  }

  private offer(c: CampaignRecord, execution: string, device: string): void {
    const image = this.offered(c.imageId);
    this.io.send(device, { op: 'offer', campaign: c.id, execution, ...image });
  }

  /** An image as offers carry it, encoded once per image rather than once per device. */
  private offered(imageId: string): Pick<OtaOffer, 'version' | 'etag' | 'size' | 'image'> {
    let o = this.encoded.get(imageId);
    if (!o) {
      const image = this.store.image(imageId)!;
      o = {
        version: image.version,
        etag: image.etag,
        size: image.size,
        image: Buffer.from(image.bytes).toString('base64'),
      };
      this.encoded.set(imageId, o);
    }
    return o;
  }

  private stop(c: CampaignRecord, state: 'ABORTED' | 'CANCELED', reason: string): void {
    const now = this.io.now();
    for (const e of this.store.executions(c.id)) {
      if (e.state === 'QUEUED') this.store.setExecution(e.id, 'CANCELED', now, reason);
      else if (e.state === 'IN_PROGRESS') {
        this.store.setExecution(e.id, 'CANCELED', now, reason);
        this.io.send(e.device, { op: 'cancel', campaign: c.id });
      }
    }
    this.store.setCampaignState(c.id, state, reason);
    c.state = state;
    this.io.log(`campaign ${c.id}: ${state.toLowerCase()}: ${reason}`);
  }
}
