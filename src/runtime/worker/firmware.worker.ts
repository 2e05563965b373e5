// The firmware's own thread: a busy loop in firmware blocks only this worker, and the page stops it by terminating
// the worker. Messages in: protocol.ToFirmwareWorker; out: protocol.FromFirmwareWorker.
import { Board } from '../Board';
import { RunLoop } from '../RunLoop';
import { Simulator } from '../Simulator';
import { createStreamSource } from '../streams/createStreamSource';
import { CsvSource } from '../streams/CsvSource';
import type { FromFirmwareWorker, ToFirmwareWorker } from './protocol';

const post = (m: FromFirmwareWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

// MessageChannel runs a callback as soon as pending messages are handled, without setTimeout's 4 ms clamp.
const channel = new MessageChannel();
const immediate: (() => void)[] = [];
channel.port1.onmessage = () => immediate.shift()?.();
const timers = {
  wallNowMs: () => performance.now(),
  schedule(fn: () => void, delayMs: number) {
    if (delayMs <= 0) {
      immediate.push(fn);
      channel.port2.postMessage(0);
    } else setTimeout(fn, delayMs);
  },
};

let sim: Simulator | undefined;
let loop: RunLoop | undefined;

async function load(wasm: ArrayBuffer, paused: boolean, flash: [number, Uint8Array][]): Promise<void> {
  // The flash is in place before the firmware boots, as on a device: putting it raises no interrupt yet.
  const board = new Board();
  for (const [slot, data] of flash) board.blobs.put(slot, data);
  board.blobs.addWriteListener(({ slot, data }) => post({ type: 'flash', slot, data }, data ? [data.buffer] : []));
  try {
    sim = await Simulator.load(wasm, { board, warn: (message) => post({ type: 'warning', message }) });
  } catch (e) {
    post({ type: 'loadError', message: e instanceof Error ? e.message : String(e) });
    return;
  }
  loop = new RunLoop(sim, timers, (u) => post(u, [u.lcd?.framebuffer.buffer, u.serial?.buffer].filter((b): b is ArrayBuffer => !!b)), paused);
  post({ type: 'loaded' });
  for (const msg of early.splice(0)) handle(msg);
  loop.start();
}

/** Messages that arrive while the firmware is still being instantiated wait here (pace, early button presses). */
const early: ToFirmwareWorker[] = [];

self.onmessage = (event: MessageEvent<ToFirmwareWorker>) => {
  const msg = event.data;
  if (msg.type === 'load') void load(msg.wasm, msg.paused ?? false, msg.flash ?? []);
  else if (!sim || !loop) early.push(msg);
  else handle(msg);
};

function handle(msg: ToFirmwareWorker): void {
  if (!sim || !loop) return;
  switch (msg.type) {
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
    case 'analog':
      sim.board.analog[msg.name].set(msg.value);
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
