// The embed API's iframe side wired to this page's board (docs/embed.md): the commands reach the same functions
// the page's own controls call, and the board's event stream (boardEvents) goes to the connected host.
import { dispatch, type EmbedBoard } from '../embed/dispatcher';
import { EmbedEndpoint, type EmbedFrame } from '../embed/endpoint';
import { toEmbedEvent } from '../embed/events';
import type { EventPayloads, GetResults, GetWhat, MemoryFigures } from '../embed/types';
import { describeCsvResult } from '../runtime';
import { useStore } from '../state/store';
import { boardSnapshot, subscribeBoardEvents } from './boardEvents';
import { consoleChannel, telemetryChannel } from './channels';
import { compileAndRun, firmware, openDemo } from './session';
import { chooseStreamSource, loadCsvFile, setSliderTemperature } from './streams';

/** The MNIST firmware classifies a 784-byte image put into this blob slot (wasm/apps/mnist/main.cpp, image_slot). */
const MNIST_IMAGE_SLOT = 0;
/** `get serial` answers with the console's last this many characters. */
const SERIAL_KEPT = 64 * 1024;

async function load(demo: string | undefined, files?: Record<string, string>): Promise<{ demo: string }> {
  const name = demo ?? useStore.getState().appName;
  if (!name || !useStore.getState().apps.some((a) => a.name === name)) throw new Error(`there is no demo "${name}"`);
  await openDemo(name, files);
  const failure = useStore.getState().openFailure;
  if (failure) throw new Error(failure.message);
  if (files) {
    await compileAndRun();
    const { buildPhase, diagnosticSummary } = useStore.getState();
    if (buildPhase !== 'succeeded')
      throw new Error(`the build ${buildPhase}${diagnosticSummary ? ` with ${diagnosticSummary.errors} errors` : ''}`);
  }
  return { demo: name };
}

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function get<W extends GetWhat>(what: W): GetResults[W] {
  const snapshot = boardSnapshot();
  const results: { [K in GetWhat]: () => GetResults[K] } = {
    lcd: () => ({ what: 'lcd', text: snapshot.lcd }),
    leds: () => ({ what: 'leds', leds: snapshot.leds }),
    serial: () => ({ what: 'serial', text: consoleChannel.transcript.slice(-SERIAL_KEPT) }),
    // Plain JSON for the host (the snapshot's typed records carry no index signatures).
    memory: () => ({ what: 'memory', memory: snapshot.memory ? (plain(snapshot.memory) as MemoryFigures) : null }),
    model: () => {
      const report = telemetryChannel.latest.get('mnist.model') ?? telemetryChannel.latest.get('anomaly.model');
      return { what: 'model', demo: useStore.getState().appName ?? null, model: report ? { ...report } : null };
    },
  };
  return results[what]();
}

export const embedBoard: EmbedBoard = {
  load,
  run: () => {
    const { status } = useStore.getState();
    if (status === 'paused') firmware.resume();
    else if (status !== 'running' && status !== 'loading') firmware.reset();
  },
  pause: () => firmware.pause(),
  resume: () => firmware.resume(),
  step: (us) => firmware.step(us),
  reset: () => firmware.reset(),
  pace: (mode) => firmware.setPace(mode),
  button: (name, pressed) => firmware.button(name, pressed),
  touch: (phase, x, y) => firmware.touch(phase, x, y),
  digit: (pixels) => firmware.putBlob(MNIST_IMAGE_SLOT, pixels),
  temperature: (celsius) => {
    setSliderTemperature(celsius);
    if (useStore.getState().streamKind !== 'manual') chooseStreamSource('manual');
  },
  stream: async (csv) => {
    const result = await loadCsvFile(new File([csv], 'embed.csv', { type: 'text/csv' }));
    if (!result) throw new Error('another trace replaced this one');
    if (!result.ok) throw new Error(describeCsvResult(result).join('; '));
    return { readings: result.trace.v.length };
  },
  serial: (text) => firmware.sendSerial(text),
  get,
};

/** The host origin `?origin=` names, normalized; null when it names none (no host may connect then). */
function allowedOrigin(param: string | null): string | undefined | null {
  if (param === null) return undefined;
  try {
    const origin = new URL(param).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** Makes this page an embedded board: it announces itself to its parent and waits for a host's hello. */
export function startEmbed(originParam: string | null): void {
  const origin = allowedOrigin(originParam);
  if (origin === null) {
    console.error(`tinyml-sim embed: ?origin=${originParam} is not an origin, so no host can connect`);
    document.documentElement.dataset.embed = 'invalid-origin';
    return;
  }
  new EmbedEndpoint({
    frame: window as unknown as EmbedFrame,
    origin,
    run: (command) => dispatch(embedBoard, command),
    listen: (emit) => {
      subscribeBoardEvents((e) => {
        const event = toEmbedEvent(e);
        if (event) emit(event);
      });
    },
    timers: { now: () => performance.now(), setTimeout: (fn, ms) => setTimeout(fn, ms) },
    currentState: () => toEmbedEvent(boardSnapshot().state)!.payload as EventPayloads['state'],
    onStatus: ({ connected, ignored }) => {
      document.documentElement.dataset.embed = connected ? 'connected' : 'waiting';
      document.documentElement.dataset.embedIgnored = String(ignored);
    },
  }).start();
  document.documentElement.dataset.embed = 'waiting';
}
