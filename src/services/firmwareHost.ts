// Owns the firmware worker. Stop and Reset terminate it, which works even while the firmware spins in a loop that
// never yields; Reset then starts the same firmware in a fresh worker.
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../ota';
import { KEY_SLOTS, SimFlash, SimSecureElement } from '../runtime';
import type {
  BoardNonVolatile,
  BoardUpdate,
  ButtonName,
  FleetSession,
  FromFirmwareWorker,
  PaceMode,
  StreamSpec,
  ToFirmwareWorker,
} from '../runtime';
import { formatBytes } from '../shared/format';
import type { OtaStatusReport } from '../shared/telemetry/reports';
import { useStore } from '../state/store';
import { wasmSizes } from '../ml/cycles/wasmCode';
import { consoleChannel, lcdChannel, ledChannel, parseTelemetry, telemetryChannel } from './channels';

/** A running worker that has not answered an acknowledgement for this long is spinning inside the firmware. */
const BUSY_AFTER_MS = 500;
const BUSY_CHECK_MS = 100;

export class FirmwareHost {
  private worker: Worker | undefined;
  private wasm: ArrayBuffer | undefined;
  /** The sensor's source survives Reset and new firmware, as a real sensor would. */
  private stream: StreamSpec | undefined;
  /** The blob slots: what the host put there and what the firmware stored survive Reset. */
  private readonly flash = new Map<number, Uint8Array>();
  /** A copy of the board's internal flash, following each erase and program the firmware makes. */
  private internalFlash = new SimFlash();
  /** A copy of the board's secure element: the keys its maker provisioned (and the checks provisioning makes). */
  private secureElement = new SimSecureElement();
  /**
   * The update server's offer over the board's update link. Like a LwM2M server it keeps offering across Reset
   * (so an interrupted download resumes) until the device reports a result for it.
   */
  private offer: { bytes: Uint8Array; etag: Uint8Array } | undefined;
  private linkConnected = true;
  /** The workshop the board joined: each new worker (Reset, new firmware) connects its fleet client again. */
  private fleet: FleetSession | undefined;
  /** The page's own reports for the workshop (fleetReport), newest per type: each new worker sends them again. */
  private readonly fleetReports = new Map<string, string>();
  /** The key of the workshop the page joined: every board this page makes holds it in its workshop key slot. */
  private workshopKey: Uint8Array | undefined;
  /** Wall time (performance.now) the last acknowledgement went out while no update has come back since. */
  private awaitingSinceMs: number | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;

  /** Runs `wasm` from reset, replacing whatever ran before. */
  run(wasm: ArrayBuffer): void {
    this.wasm = wasm.slice(0);
    useStore.getState().setFirmwareCodeBytes(wasmSizes(new Uint8Array(wasm)).codeBytes);
    this.start();
  }

  reset(): void {
    if (this.wasm) this.start();
  }

  stop(): void {
    this.terminate();
    useStore.getState().setStatus('stopped');
  }

  /** The image the board on screen was factory-programmed with, if its app runs one. */
  factoryImage: Uint8Array | undefined;

  /**
   * Another board (a different demo), as it left the factory: `nonVolatile` is its flash and provisioned keys,
   * `factoryImage` the model image programmed into it.
   */
  newBoard(nonVolatile: BoardNonVolatile = {}, factoryImage?: Uint8Array): void {
    this.factoryImage = factoryImage;
    this.flash.clear();
    this.internalFlash = new SimFlash(nonVolatile.flash);
    this.secureElement = new SimSecureElement();
    for (const [slot, key] of nonVolatile.keys ?? []) this.secureElement.provision(slot, key);
    if (this.workshopKey) this.secureElement.provision(KEY_SLOTS.workshop, this.workshopKey);
    this.offer = undefined;
  }

  /** The update server offers `image` to the board (the device's update agent downloads and checks it). */
  offerUpdate(image: Uint8Array): void {
    this.offer = { bytes: image.slice(), etag: sha256(image).slice(0, 8) };
    this.post({ type: 'offer', ...this.offer });
  }

  /** The server withdraws its offer: a download in progress is cancelled. */
  withdrawUpdate(): void {
    this.offer = undefined;
    this.post({ type: 'withdraw' });
  }

  /** Takes the board's update link down or brings it back. */
  setLinkConnected(connected: boolean): void {
    this.linkConnected = connected;
    this.post({ type: 'link', connected });
  }

  /**
   * The board joins a workshop as `session` says; its fleet client lives in the firmware worker. `trustedKey` is
   * the instructor's key the workshop signs images with: the board's update agent trusts it from its next download.
   */
  joinFleet(session: FleetSession, trustedKey?: Uint8Array): void {
    this.fleet = session;
    if (trustedKey) {
      this.workshopKey = trustedKey.slice();
      this.provisionKey(KEY_SLOTS.workshop, trustedKey);
    }
    this.post({ type: 'fleet', session });
  }

  /** The board's maker provisions a trusted P-256 public key (65 bytes, uncompressed) into secure-element `slot`. */
  provisionKey(slot: number, publicKey: Uint8Array): void {
    this.secureElement.provision(slot, publicKey); // throws for a bad slot or key, or a slot locked with another
    this.post({ type: 'provision', slot, publicKey: publicKey.slice() });
  }

  get hasFirmware(): boolean {
    return this.wasm !== undefined;
  }

  button(name: ButtonName, pressed: boolean): void {
    this.post({ type: 'button', name, pressed });
  }

  sendSerial(text: string): void {
    this.post({ type: 'serial', bytes: new TextEncoder().encode(text) });
  }

  touch(phase: 'press' | 'move' | 'release', x: number, y: number): void {
    this.post({ type: 'touch', phase, x, y });
  }

  setStream(spec: StreamSpec): void {
    this.stream = spec;
    this.post({ type: 'stream', spec });
  }

  /** Hands the firmware a blob (e.g. new model parameters) in `slot`; it is told by an interrupt. */
  putBlob(slot: number, data: Uint8Array): void {
    this.flash.set(slot, data.slice());
    this.post({ type: 'blob', slot, data });
  }

  setPace(mode: PaceMode): void {
    useStore.getState().setPace(mode);
    this.post({ type: 'pace', mode });
  }

  pause(): void {
    if (useStore.getState().status === 'running') useStore.getState().setPausePending(true);
    this.post({ type: 'pause' });
  }

  resume(): void {
    this.post({ type: 'resume' });
  }

  step(us: number): void {
    this.post({ type: 'step', us });
  }

  private start(): void {
    this.terminate();
    const store = useStore.getState();
    store.setStatus('loading');
    consoleChannel.clear();
    telemetryChannel.clear();
    lcdChannel.emit({ framebuffer: new Uint8Array(512), text: '' });
    const worker = new Worker(new URL('../runtime/worker/firmware.worker.ts', import.meta.url), {
      type: 'module',
      name: 'firmware',
    });
    worker.onmessage = (e: MessageEvent<FromFirmwareWorker>) => this.onMessage(worker, e.data);
    worker.onerror = (e) => {
      if (worker === this.worker) useStore.getState().setStatus('faulted', `Firmware worker failed: ${e.message}`);
    };
    this.worker = worker;
    this.watchdog = setInterval(() => this.checkBusy(), BUSY_CHECK_MS);
    const copy = this.wasm!.slice(0);
    const board = { flash: this.internalFlash.snapshot(), keys: this.secureElement.provisioned() };
    worker.postMessage({ type: 'load', wasm: copy, flash: [...this.flash], board } satisfies ToFirmwareWorker, [
      copy,
      board.flash.buffer,
    ]);
    worker.postMessage({ type: 'pace', mode: store.pace } satisfies ToFirmwareWorker);
    if (this.stream) worker.postMessage({ type: 'stream', spec: this.stream } satisfies ToFirmwareWorker);
    if (!this.linkConnected) worker.postMessage({ type: 'link', connected: false } satisfies ToFirmwareWorker);
    if (this.offer) worker.postMessage({ type: 'offer', ...this.offer } satisfies ToFirmwareWorker);
    // Another demo is another app on the same device.
    const fleet = this.fleet && { ...this.fleet, app: store.appName ?? this.fleet.app };
    if (fleet) worker.postMessage({ type: 'fleet', session: fleet } satisfies ToFirmwareWorker);
    for (const json of this.fleetReports.values())
      worker.postMessage({ type: 'fleetReport', json } satisfies ToFirmwareWorker);
  }

  /** A report of the page (not the firmware) for the workshop's telemetry, e.g. the learner's lesson progress. */
  reportToFleet(report: { type: string }): void {
    const json = JSON.stringify(report);
    if (this.fleetReports.get(report.type) === json) return;
    this.fleetReports.set(report.type, json);
    this.post({ type: 'fleetReport', json });
  }

  private terminate(): void {
    this.worker?.terminate();
    this.worker = undefined;
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    this.awaitingSinceMs = undefined;
  }

  /**
   * A worker always answers an acknowledgement while the firmware runs (its clock moves), unless the firmware
   * spins without calling the HAL: then messages (Pause included) wait, and the page says so. Measured from the
   * acknowledgement, so a hidden tab (no frames, no acknowledgements) does not look busy.
   */
  private checkBusy(): void {
    const store = useStore.getState();
    const silent = this.awaitingSinceMs !== undefined && performance.now() - this.awaitingSinceMs > BUSY_AFTER_MS;
    if (silent && store.status === 'running' && !store.busy) store.setBusy(true);
  }

  private post(msg: ToFirmwareWorker): void {
    this.worker?.postMessage(msg);
  }

  private onMessage(worker: Worker, msg: FromFirmwareWorker): void {
    if (worker !== this.worker) return; // a message from a worker already replaced
    switch (msg.type) {
      case 'flash':
        if (msg.data) this.flash.set(msg.slot, msg.data);
        else this.flash.delete(msg.slot);
        return;
      case 'internalFlash':
        this.internalFlash.apply(msg.op);
        return;
      case 'loadError':
        useStore.getState().setStatus('faulted', msg.message);
        return;
      case 'warning':
        consoleChannel.notice(`[simulator] ${msg.message}`);
        return;
      case 'fleet':
        useStore.getState().setBoardLink(msg.connected ? 'online' : 'offline');
        return;
      case 'update':
        this.awaitingSinceMs = undefined;
        this.apply(msg);
        // Acknowledged once the frame it belongs to is drawn: a page that cannot keep up slows the worker down
        // instead of queueing its messages, and a hidden tab stops the flow.
        requestAnimationFrame(() => {
          if (worker !== this.worker) return;
          this.awaitingSinceMs ??= performance.now();
          worker.postMessage({ type: 'ack', consoleBacklogBytes: consoleChannel.backlog } satisfies ToFirmwareWorker);
        });
    }
  }

  /**
   * The device is done with the offer (installed or refused it): the server stops offering it. A lost connection
   * keeps it on offer, so the download resumes.
   */
  private followOffer(status: OtaStatusReport): void {
    const done = status.state === 0 && status.result !== 0 && status.result !== 4;
    if (done && this.offer && status.etag === toHex(this.offer.etag)) this.offer = undefined;
  }

  private apply(u: BoardUpdate): void {
    const store = useStore.getState();
    if (u.leds) store.setLeds(u.leds);
    for (const edge of u.ledEdges ?? []) ledChannel.emit(edge);
    if (u.lcd) lcdChannel.emit(u.lcd);
    if (u.console) {
      if (u.console.droppedBytes) consoleChannel.notice(`… ${formatBytes(u.console.droppedBytes)} of output dropped …`);
      consoleChannel.write(u.console.bytes);
    }
    for (const json of u.telemetry ?? []) {
      const report = parseTelemetry(json);
      if (!report) continue;
      telemetryChannel.emit(report);
      if (report.type === 'ota.status') this.followOffer(report as OtaStatusReport);
    }
    store.setRunInfo({ status: u.state, simTimeUs: u.simTimeUs, speed: u.speed, fault: u.fault });
  }
}
