// Headless fleet devices for tests and load (docs/fleet.md "Headless devices"): real simulated boards — the same
// Simulator, factory-fresh board (factory image in the primary slot, factory key in the secure element) and demo
// firmware the page runs — each joined to a workshop and connected with the device client. A BoardFarm runs them
// all on one timer, each ahead of the wall clock by a fixed speed-up, so an update takes seconds, not minutes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FleetDevice } from '../src/fleet/FleetDevice';
import { JoinResponseSchema, type JoinResponse, type OtaStatus } from '../src/fleet/protocol';
import { FACTORY_PUBLIC_KEY, fromHex } from '../src/ota';
import { Board, type BoardNonVolatile } from '../src/runtime/Board';
import { factoryBoard, KEY_SLOTS } from '../src/runtime/factory';
import { Simulator } from '../src/runtime/Simulator';
import * as v from 'valibot';

/** The firmware and factory image of a demo app, as the build wrote them to public/firmware. */
export interface AppFirmware {
  app: string;
  module: WebAssembly.Module;
  factoryImage: Uint8Array;
}

export async function loadAppFirmware(app: string, dir = 'public/firmware'): Promise<AppFirmware> {
  const module = await WebAssembly.compile(readFileSync(join(dir, `${app}.wasm`)));
  return { app, module, factoryImage: new Uint8Array(readFileSync(join(dir, `${app}.factory.img`))) };
}

/** POST /api/join; `held` are credentials from an earlier join (kept on rejoin). */
export async function joinWorkshop(
  baseUrl: string,
  code: string,
  held?: { deviceId: string; token: string },
): Promise<JoinResponse> {
  const res = await fetch(`${baseUrl}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, ...held }),
  });
  if (!res.ok) throw new Error(`join: HTTP ${res.status}: ${await res.text()}`);
  return v.parse(JoinResponseSchema, await res.json());
}

export class HeadlessBoard {
  readonly otaStatuses: OtaStatus[] = [];
  private serialText = '';

  private constructor(
    readonly sim: Simulator,
    readonly device: FleetDevice,
    readonly credentials: JoinResponse,
  ) {}

  /** Boots `firmware` on a factory-fresh board (or one that kept `kept`) and connects it as `credentials`' device. */
  static async start(
    firmware: AppFirmware,
    credentials: JoinResponse,
    options: { kept?: BoardNonVolatile; log?: (m: string) => void; reconnectMs?: number } = {},
  ): Promise<HeadlessBoard> {
    const board = new Board(options.kept ?? factoryBoard({ factory: FACTORY_PUBLIC_KEY }, firmware.factoryImage));
    // Joining a workshop whose instructor registered a key: the board trusts images signed with it.
    if (credentials.instructorKey)
      board.secureElement.provision(KEY_SLOTS.workshop, fromHex(credentials.instructorKey));
    const sim = await Simulator.load(firmware.module, { board, warn: options.log });
    const device = FleetDevice.forBoard(board, {
      broker: credentials.broker,
      workshop: credentials.workshop,
      deviceId: credentials.deviceId,
      token: credentials.token,
      app: firmware.app,
      log: options.log,
      reconnectMs: options.reconnectMs,
    });
    const headless = new HeadlessBoard(sim, device, credentials);
    board.serial.addOutputListener((b) => (headless.serialText += new TextDecoder().decode(b)));
    board.telemetry.add((json) => {
      const r = JSON.parse(json) as { type?: string };
      if (r.type === 'ota.status') headless.otaStatuses.push(r as unknown as OtaStatus);
    });
    return headless;
  }

  get id(): string {
    return this.credentials.deviceId;
  }

  get serial(): string {
    return this.serialText;
  }

  get lastOta(): OtaStatus | undefined {
    return this.otaStatuses.at(-1);
  }

  /** What a reset keeps of the board: its flash and provisioned keys. */
  kept(): BoardNonVolatile {
    return { flash: this.sim.board.flash.snapshot(), keys: this.sim.board.secureElement.provisioned() };
  }

  async close(): Promise<void> {
    await this.device.close();
    this.sim.dispose();
  }
}

/** Runs boards on one wall-clock timer, `speed` times faster than real time, within `sliceMs` of host time each. */
export class BoardFarm {
  readonly boards: HeadlessBoard[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastMs = performance.now();

  constructor(
    /** Virtual time per wall time; may be changed while running. */
    public speed = 50,
    private readonly tickMs = 20,
    private readonly sliceMs = 10,
  ) {}

  add(board: HeadlessBoard): HeadlessBoard {
    this.boards.push(board);
    this.timer ??= setInterval(() => this.tick(), this.tickMs);
    return board;
  }

  remove(board: HeadlessBoard): void {
    this.boards.splice(this.boards.indexOf(board), 1);
  }

  private tick(): void {
    const now = performance.now();
    // Virtual time is whole microseconds.
    const advanceUs = Math.floor(Math.min(now - this.lastMs, 10 * this.tickMs) * 1000 * this.speed);
    this.lastMs = now;
    for (const b of this.boards) b.sim.runUntil(b.sim.clock.nowUs + advanceUs, this.sliceMs);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all(this.boards.splice(0).map((b) => b.close()));
  }
}
