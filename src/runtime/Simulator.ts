// Runs one firmware module on the virtual board. The firmware's blocking calls (sleep, wait, polling GPIO) suspend
// it with asyncify; runUntil() executes it until virtual time reaches a target or a wall-clock budget is spent.
// The same class runs in the firmware Web Worker and in-process under Vitest.
import { ASYNCIFY_EXPORTS, encodeTouch, FW_EXPORTS, IrqSource, Pin, SIM_ABI_VERSION, SIM_IMPORTS } from './abi/abiSpec';
import { createSimImports, type SimHost } from './abi/simImports';
import { createWasiImports } from './abi/wasiShim';
import { Board, BUTTON_NAMES } from './Board';
import { BOARD_SRAM_BYTES, FIRMWARE_MEMORY_BYTES, FLASH_WINDOW_BYTES } from './boardMemory';
import { VirtualClock } from './clock/VirtualClock';
import { describeTrap, FirmwareHalt, type Fault } from './faults';
import { InterruptController } from './InterruptController';
import { Suspender } from './Suspender';
import type { SimulatorRunState } from './types';

/** Virtual time one yielding HAL call takes, µs: a polling loop lets time pass as it would on hardware. */
export const HAL_CALL_US = 1;
/** How often (in yielding calls) a busy firmware checks the wall-clock budget. */
const BUDGET_CHECK_EVERY = 256;

type FirmwareExports = {
  memory: WebAssembly.Memory;
  _initialize?: () => void;
  fw_abi_version: () => number;
  fw_main: () => number;
  fw_irq: (source: number, arg: number) => void;
  fw_suspend_buffer: () => number;
  fw_suspend_buffer_size: () => number;
  __stack_pointer?: WebAssembly.Global;
  asyncify_start_unwind: (addr: number) => void;
  asyncify_stop_unwind: () => void;
  asyncify_start_rewind: (addr: number) => void;
  asyncify_stop_rewind: () => void;
  asyncify_get_state: () => number;
};

export interface SimulatorOptions {
  board?: Board;
  clock?: VirtualClock;
  wallNowMs?: () => number;
  warn?: (message: string) => void;
}

/**
 * The firmware's wasm memory is the board's SRAM: exactly BOARD_SRAM_BYTES, unable to grow (the SDK links it so),
 * or the SRAM and a flash window after it (FLASH_WINDOW_BYTES, boardMemory.ts) for a firmware that declares one. A
 * module built otherwise could take gigabytes with a malloc loop, so it is refused.
 */
function checkMemoryIsSram(memory: WebAssembly.Memory): void {
  const bytes = memory.buffer.byteLength;
  let grows = true;
  try {
    memory.grow(1);
  } catch {
    grows = false; // RangeError: at its maximum
  }
  if (!(FIRMWARE_MEMORY_BYTES as readonly number[]).includes(bytes) || grows) {
    throw new Error(
      `Firmware memory is ${bytes} bytes${grows ? ' and can grow' : ''}, but the board has exactly ${BOARD_SRAM_BYTES} bytes ` +
        `of SRAM (and a ${FLASH_WINDOW_BYTES}-byte flash window if the firmware declares one): rebuild it with this SDK`,
    );
  }
}

export class Simulator implements SimHost {
  readonly board: Board;
  readonly clock: VirtualClock;
  readonly interrupts = new InterruptController();
  private exports!: FirmwareExports;
  private suspender!: Suspender;
  private state: SimulatorRunState = 'idle';
  private haltFault: Fault | undefined;
  private inInterrupt = false;
  private initializing = false;
  private targetUs = 0;
  private idleTargetUs = 0;
  private idle = false;
  /** Set when the slice ended while interrupts were being delivered (target passed or wall budget spent). */
  private sliceOver = false;
  private wokenBeforeSuspend = false;
  private sliceEndWallMs = Infinity;
  private callsSinceCheck = 0;
  private readonly wallNowMs: () => number;
  private readonly warn: (message: string) => void;
  private readonly unsubscribe: (() => void)[] = [];

  private constructor(options: SimulatorOptions) {
    this.board = options.board ?? new Board();
    this.clock = options.clock ?? new VirtualClock();
    this.wallNowMs = options.wallNowMs ?? (() => performance.now());
    this.warn = options.warn ?? ((m) => console.warn(m));
    for (const name of BUTTON_NAMES) {
      const onEdge = (edge: 'rise' | 'fall') => this.interrupts.gpioEdge(Pin[name], edge);
      this.unsubscribe.push(this.board.buttons[name].addEdgeListener(onEdge));
    }
    this.unsubscribe.push(
      this.board.serial.addReceiveListener((n) => this.interrupts.raise(IrqSource.SERIAL_RX, n)),
      this.board.touch.addListener((t) => this.interrupts.raise(IrqSource.TOUCH, encodeTouch(t.down, t.x, t.y))),
      this.board.blobs.addListener((slot) => this.interrupts.raise(IrqSource.BLOB, slot)),
      this.board.updateLink.addListener((event) => this.interrupts.raise(IrqSource.LINK, event)),
      this.board.network.addListener((status) => this.interrupts.raise(IrqSource.NET, status)),
    );
  }

  /** Instantiates `wasm`, checks its ABI, and runs its static constructors. Throws a clear error on a bad module. */
  static async load(wasm: BufferSource | WebAssembly.Module, options: SimulatorOptions = {}): Promise<Simulator> {
    const sim = new Simulator(options);
    const module = wasm instanceof WebAssembly.Module ? wasm : await WebAssembly.compile(wasm);
    const imports = sim.buildImports(module);
    const instance = await WebAssembly.instantiate(module, imports);
    sim.attach(instance.exports as unknown as FirmwareExports);
    return sim;
  }

  get runState(): SimulatorRunState {
    return this.state;
  }

  get fault(): Fault | undefined {
    return this.haltFault;
  }

  get memoryBytes(): number {
    return this.exports.memory.buffer.byteLength;
  }

  /** True when the firmware last suspended in a sleep with nothing scheduled: only input can wake it. */
  get isIdle(): boolean {
    return this.idle;
  }

  /**
   * Runs the firmware until virtual time reaches `targetUs`, `wallBudgetMs` of host time is spent, or it halts.
   * A sleep with nothing scheduled (no alarm, no deadline) lets time pass only to `idleTargetUs`: fast-forward
   * (an unbounded target) skips to the next event, never to the end of time. Returns when the firmware suspended
   * (or stopped). A loop that never calls the HAL cannot be interrupted here: the worker that hosts the simulator
   * is terminated instead.
   */
  runUntil(targetUs: number, wallBudgetMs = Infinity, idleTargetUs = targetUs): SimulatorRunState {
    if (this.state === 'exited' || this.state === 'faulted') return this.state;
    this.targetUs = targetUs;
    this.idleTargetUs = Math.min(idleTargetUs, targetUs);
    this.idle = false;
    this.sliceOver = false;
    this.sliceEndWallMs = this.wallNowMs() + wallBudgetMs;
    this.state = 'running';
    try {
      const finished = this.suspender.run(() => this.exports.fw_main());
      if (finished) this.halt({ kind: 'exit', message: 'main() returned' });
    } catch (e) {
      this.halt(this.describe(e));
    }
    return this.state;
  }

  /** Convenience for tests: run `deltaUs` of virtual time as fast as possible. */
  runFor(deltaUs: number): SimulatorRunState {
    const target = this.clock.nowUs + deltaUs;
    while (this.clock.nowUs < target && this.state !== 'exited' && this.state !== 'faulted') this.runUntil(target);
    return this.state;
  }

  dispose(): void {
    for (const u of this.unsubscribe) u();
  }

  // ---- SimHost: what the imports need --------------------------------------------------------------------------

  memory(): WebAssembly.Memory {
    return this.exports.memory;
  }

  isInInterrupt(): boolean {
    return this.inInterrupt;
  }

  /**
   * Entry of every yielding import. Returns true when the firmware must unwind now (the import then returns a dummy
   * value at once); on the rewind that follows, the import is entered again and this returns false.
   */
  yieldPoint(costUs = HAL_CALL_US): boolean {
    if (this.suspender.resuming()) {
      this.deliverInterrupts();
      return false;
    }
    this.clock.advanceBy(costUs);
    if (this.inInterrupt || this.initializing) return false;
    this.deliverInterrupts();
    if (this.sliceOver || this.clock.nowUs >= this.targetUs || this.budgetSpent()) {
      this.suspender.suspend();
      return true;
    }
    return false;
  }

  /**
   * sleep_until: lets virtual time pass to `deadlineUs`, firing alarms on the way. Returns 'suspend' when the
   * firmware must unwind (the pacer's target came first), else whether an interrupt woke it.
   */
  sleepUntil(deadlineUs: number, wakeOnIrq: boolean): 'suspend' | 'woken' | 'deadline' {
    if (this.inInterrupt) throw new FirmwareHalt({ kind: 'fault', message: 'sleep called in interrupt context' });
    const resumed = this.suspender.resuming();
    if (!resumed && this.initializing) {
      throw new FirmwareHalt({ kind: 'fault', message: 'sleep called during static initialisation (before main)' });
    }
    // An interrupt that ran just before the last suspension still wakes this sleep once it is resumed.
    let woken = resumed && this.wokenBeforeSuspend;
    this.wokenBeforeSuspend = false;
    woken = this.deliverInterrupts() || woken;
    for (;;) {
      if (wakeOnIrq && woken) return 'woken';
      if (this.clock.nowUs >= deadlineUs) return 'deadline';
      const next = Math.min(deadlineUs, this.clock.nextAlarmUs());
      const limit = Number.isFinite(next) ? this.targetUs : this.idleTargetUs;
      if (this.sliceOver || next > limit || this.budgetSpent()) {
        const to = Math.min(limit, next);
        if (Number.isFinite(to) && to > this.clock.nowUs) this.clock.advanceTo(to);
        this.idle = !Number.isFinite(next);
        this.wokenBeforeSuspend = woken;
        this.suspender.suspend();
        return 'suspend';
      }
      this.clock.advanceTo(next);
      woken = this.deliverInterrupts() || woken;
    }
  }

  /** wait_us: busy-waits; outside interrupt context, interrupts that fall due run meanwhile. */
  busyWait(deltaUs: number): boolean {
    if (this.inInterrupt || this.initializing) {
      this.clock.advanceBy(deltaUs);
      return false;
    }
    return this.sleepUntil(this.clock.nowUs + deltaUs, false) === 'suspend';
  }

  /**
   * A flash operation: the CPU stalls until `deadlineUs` (code and vectors sit in the flash being written), so
   * interrupts that fall due wait and run when it ends. The pacer still bounds virtual time: the firmware suspends
   * at the slice's target and resumes waiting. Returns true when the firmware must unwind now.
   */
  stallUntil(deadlineUs: number): boolean {
    this.suspender.resuming();
    if (this.inInterrupt || this.initializing) {
      if (deadlineUs > this.clock.nowUs) this.clock.advanceTo(deadlineUs);
      return false;
    }
    if (deadlineUs > this.targetUs || this.budgetSpent()) {
      const to = Math.min(this.targetUs, deadlineUs);
      if (to > this.clock.nowUs) this.clock.advanceTo(to);
      this.suspender.suspend();
      return true;
    }
    if (deadlineUs > this.clock.nowUs) this.clock.advanceTo(deadlineUs);
    this.deliverInterrupts();
    return false;
  }

  // ---- internals ------------------------------------------------------------------------------------------------

  private buildImports(module: WebAssembly.Module): WebAssembly.Imports {
    const wanted = WebAssembly.Module.imports(module);
    const env: Record<string, unknown> = {};
    const simImports = createSimImports(this);
    const wasiNames: string[] = [];
    for (const imp of wanted) {
      if (imp.module === 'env' && imp.name in SIM_IMPORTS)
        env[imp.name] = simImports[imp.name as keyof typeof simImports];
      else if (imp.module === 'wasi_snapshot_preview1') wasiNames.push(imp.name);
      else {
        throw new Error(
          `Firmware imports ${imp.module}.${imp.name}, which ABI v${SIM_ABI_VERSION} does not provide ` +
            `(a function declared but never defined?)`,
        );
      }
    }
    const wasi = createWasiImports(
      {
        memory: () => this.memory(),
        yieldPoint: () => this.yieldPoint(),
        writeConsole: (bytes) => this.board.serial.write(bytes),
        readConsole: (max) => this.board.serial.read(max),
        nowUs: () => this.clock.nowUs,
        exit: (code) => {
          throw new FirmwareHalt({ kind: 'exit', message: `exit(${code}) called` });
        },
        warn: this.warn,
      },
      wasiNames,
    );
    return { env: env as WebAssembly.ModuleImports, wasi_snapshot_preview1: wasi as WebAssembly.ModuleImports };
  }

  private attach(exports: FirmwareExports): void {
    const missing = [...FW_EXPORTS, ...ASYNCIFY_EXPORTS, 'memory'].filter((n) => !(n in exports));
    if (missing.length)
      throw new Error(`Firmware lacks exports ${missing.join(', ')}: was it built with the tinyml-sim SDK?`);
    const version = exports.fw_abi_version();
    if (version !== SIM_ABI_VERSION) {
      throw new Error(`Firmware speaks ABI v${version}, this simulator v${SIM_ABI_VERSION}: rebuild it with this SDK`);
    }
    checkMemoryIsSram(exports.memory);
    this.exports = exports;
    this.suspender = new Suspender(exports, exports.fw_suspend_buffer(), exports.fw_suspend_buffer_size());
    this.initializing = true;
    try {
      exports._initialize?.();
    } catch (e) {
      this.halt(this.describe(e));
    } finally {
      this.initializing = false;
    }
  }

  /**
   * Runs every interrupt that is pending or due; returns whether any ran. Handlers that keep re-arming alarms
   * already due (a 1 µs Ticker whose handler costs HAL time) would never let go: delivery stops once virtual time
   * passes the target or the wall budget is spent, and the caller suspends (sliceOver).
   */
  private deliverInterrupts(): boolean {
    if (this.inInterrupt) return false;
    let ran = false;
    for (;;) {
      if (this.sliceOver) return ran;
      if (ran && (this.clock.nowUs > this.targetUs || this.budgetSpent())) {
        this.sliceOver = true;
        return ran;
      }
      const alarm = this.clock.takeDueAlarm();
      const irq = alarm !== undefined ? { source: IrqSource.ALARM, arg: alarm } : this.interrupts.take();
      if (!irq) return ran;
      this.inInterrupt = true;
      try {
        this.exports.fw_irq(irq.source, irq.arg);
      } finally {
        this.inInterrupt = false;
      }
      ran = true;
    }
  }

  private budgetSpent(): boolean {
    if (++this.callsSinceCheck < BUDGET_CHECK_EVERY) return false;
    this.callsSinceCheck = 0;
    return this.wallNowMs() >= this.sliceEndWallMs;
  }

  private describe(e: unknown): Fault {
    const sp = this.exports?.__stack_pointer?.value as number | undefined;
    return describeTrap(e, sp, this.memoryBytes);
  }

  private halt(fault: Fault): void {
    this.haltFault = fault;
    this.state = fault.kind === 'exit' ? 'exited' : 'faulted';
  }
}
