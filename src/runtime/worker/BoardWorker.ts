// The firmware worker's logic, apart from its entry point so it runs under Vitest: loads a firmware, runs it on a
// RunLoop, and turns the page's messages into board input. Messages that arrive while the firmware is still being
// instantiated (pace, an early button press) are handled once it is loaded.
import type { FleetDevice } from '../../fleet/FleetDevice';
import { Board, type BoardNonVolatile } from '../Board';
import { RunLoop, type LoopTimers } from '../RunLoop';
import { Simulator } from '../Simulator';
import { createStreamSource } from '../streams/createStreamSource';
import { CsvSource } from '../streams/CsvSource';
import type { FleetSession, FromFirmwareWorker, ToFirmwareWorker } from './protocol';

export type PostToPage = (message: FromFirmwareWorker, transfer: Transferable[]) => void;

/** How the SDK's TelemetryWriter starts the update agent's report (it writes the type first: TelemetryReport.cpp). */
const OTA_STATUS_START = '{"type":"ota.status"';

export class BoardWorker {
  private sim: Simulator | undefined;
  private loop: RunLoop | undefined;
  /** The board's network interface once it joined a workshop. */
  private fleet: FleetDevice | undefined;
  /** The update agent's last report before the board joined: the fleet client starts from it. */
  private lastOtaStatus: string | undefined;
  /** The page's own reports (fleetReport), newest per type. */
  private readonly pageReports = new Map<string, string>();
  private joining = false;
  private readonly early: ToFirmwareWorker[] = [];

  constructor(
    private readonly post: PostToPage,
    private readonly timers: LoopTimers,
  ) {}

  /** The run loop, once a firmware is loaded. */
  get runLoop(): RunLoop | undefined {
    return this.loop;
  }

  get simulator(): Simulator | undefined {
    return this.sim;
  }

  /** The fleet client, once the board joined a workshop. */
  get fleetDevice(): FleetDevice | undefined {
    return this.fleet;
  }

  /** Handles one message; resolves when a `load` has finished (other messages are handled at once). */
  async receive(msg: ToFirmwareWorker): Promise<void> {
    if (msg.type === 'load') await this.load(msg.wasm, msg.flash ?? [], msg.board ?? {});
    else if (!this.sim) this.early.push(msg);
    else this.handle(msg);
  }

  private async load(wasm: ArrayBuffer, flash: [number, Uint8Array][], kept: BoardNonVolatile): Promise<void> {
    if (this.sim) throw new Error('BoardWorker: one firmware per worker (the page starts a new worker to reset)');
    // The flash is in place before the firmware boots, as on a device: putting it raises no interrupt yet.
    const board = new Board(kept);
    board.flash.addWriteListener((op) => this.post({ type: 'internalFlash', op }, []));
    for (const [slot, data] of flash) board.blobs.put(slot, data);
    board.telemetry.add((json) => {
      if (!this.fleet && json.startsWith(OTA_STATUS_START)) this.lastOtaStatus = json;
    });
    board.blobs.addWriteListener(({ slot, data }) =>
      this.post({ type: 'flash', slot, data }, data ? [data.buffer as ArrayBuffer] : []),
    );
    let sim: Simulator;
    try {
      sim = await Simulator.load(wasm, { board, warn: (message) => this.post({ type: 'warning', message }, []) });
    } catch (e) {
      this.post({ type: 'loadError', message: e instanceof Error ? e.message : String(e) }, []);
      return;
    }
    this.sim = sim;
    this.loop = new RunLoop(sim, this.timers, (u) => {
      const transfer: Transferable[] = [];
      if (u.lcd) transfer.push(u.lcd.framebuffer.buffer as ArrayBuffer);
      if (u.console) transfer.push(u.console.bytes.buffer as ArrayBuffer);
      this.post(u, transfer);
    });
    for (const msg of this.early.splice(0)) this.handle(msg);
    this.loop.start();
  }

  /**
   * The fleet client takes over the update link (up exactly while its MQTT session is) and the telemetry. It loads
   * on joining: a board outside a workshop never downloads the MQTT client.
   */
  private async joinFleet(session: FleetSession): Promise<void> {
    if (this.joining) throw new Error('BoardWorker: one workshop per worker');
    this.joining = true;
    const { FleetDevice } = await import('../../fleet/FleetDevice');
    this.fleet = FleetDevice.forBoard(this.sim!.board, {
      ...session,
      log: (message) => this.post({ type: 'warning', message }, []),
    });
    this.fleet.onConnectedChange((connected) => this.post({ type: 'fleet', connected }, []));
    for (const json of this.pageReports.values()) this.fleet.keep(json);
    // The agent reported at boot, before the page had joined: its state is what the device's status says first.
    if (this.lastOtaStatus) this.fleet.report(this.lastOtaStatus);
  }

  private handle(msg: ToFirmwareWorker): void {
    const sim = this.sim!;
    const loop = this.loop!;
    switch (msg.type) {
      case 'load':
        throw new Error('BoardWorker: load handled by receive()');
      case 'ack':
        loop.acknowledge(msg.consoleBacklogBytes);
        break;
      case 'pace':
        loop.setPace(msg.mode);
        break;
      case 'pause':
        loop.pause();
        break;
      case 'resume':
        loop.resume();
        break;
      case 'step':
        loop.step(msg.us);
        break;
      case 'button':
        if (msg.pressed) sim.board.buttons[msg.name].press();
        else sim.board.buttons[msg.name].release();
        loop.kick();
        break;
      case 'serial':
        sim.board.serial.send(msg.bytes);
        loop.kick();
        break;
      case 'touch':
        if (msg.phase === 'press') sim.board.touch.press(msg.x, msg.y);
        else if (msg.phase === 'move') sim.board.touch.move(msg.x, msg.y);
        else sim.board.touch.release();
        loop.kick();
        break;
      case 'blob':
        sim.board.blobs.put(msg.slot, msg.data);
        loop.kick();
        break;
      case 'provision':
        sim.board.secureElement.provision(msg.slot, msg.publicKey);
        break;
      case 'offer':
        sim.board.updateLink.offerPackage(msg.bytes, msg.etag);
        loop.kick();
        break;
      case 'withdraw':
        sim.board.updateLink.withdraw();
        loop.kick();
        break;
      case 'link':
        sim.board.updateLink.setConnected(msg.connected);
        break;
      case 'fleet':
        void this.joinFleet(msg.session);
        break;
      case 'fleetReport': {
        const type = (JSON.parse(msg.json) as { type: string }).type;
        this.pageReports.set(type, msg.json);
        this.fleet?.keep(msg.json);
        break;
      }
      case 'stream': {
        const source = msg.spec.kind === 'manual' ? undefined : createStreamSource(msg.spec, sim.clock.nowUs);
        if (msg.spec.kind === 'manual') sim.board.temperature.setCelsius(msg.spec.celsius);
        else sim.board.temperature.setFeed(source);
        // A replayed trace ends: pause once its last reading has been sampled; Resume holds the last value.
        loop.pauseAt(source instanceof CsvSource ? source.endUs : undefined);
        break;
      }
    }
  }
}
