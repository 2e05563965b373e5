// The host page's SDK for the embed API v1, served as /embed/v1/host.js (docs/embed.md "SDK"):
//   const board = await embed(iframe, { origin: 'https://sim.example' });
//   board.on('inference', (e) => console.log(e.digit));
//   await board.press('BUTTON1');
// Every message from the board is validated with the same schemas the board uses.
import { parseFromBoard, parseResult, PROTOCOL, VERSION } from './protocol';
import type {
  ButtonName,
  CommandPayloads,
  CommandResults,
  CommandType,
  EventPayloads,
  EventType,
  GetResults,
  GetWhat,
  ReadyPayload,
} from './types';

export type * from './types';

export interface EmbedOptions {
  /** The board's origin (where the iframe's page comes from): messages from any other origin are ignored. */
  origin: string;
  /** How long to wait for the board's answer to hello, ms (default 30,000). */
  timeoutMs?: number;
  /** How long to wait for the answer to each command, ms (default 60,000: a `load {files}` compiles). */
  commandTimeoutMs?: number;
}

/** A command the board refused or that failed. */
export class EmbedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EmbedError';
  }
}

type Listener<T extends EventType> = (payload: EventPayloads[T]) => void;

const envelope = (type: string, id: number | string, payload: unknown) => ({
  protocol: PROTOCOL,
  v: VERSION,
  type,
  id,
  payload,
});

/**
 * Connects to the board in `iframe` (whose page is at `options.origin`): sends hello, and resolves once the board
 * answers it with its MessagePort. Call it before or after the iframe has loaded.
 */
export function embed(iframe: HTMLIFrameElement, options: EmbedOptions): Promise<EmbeddedBoard> {
  const origin = new URL(options.origin).origin;
  // A frame sandboxed without allow-same-origin has an opaque origin: its messages come from "null", and a message
  // for it must be addressed to "*" (the hello carries nothing secret; the frame itself is checked by e.source).
  const opaque = iframe.hasAttribute('sandbox') && !iframe.sandbox.contains('allow-same-origin');
  const from = opaque ? 'null' : origin;
  const id = `hello-${Math.random().toString(36).slice(2)}`;
  return new Promise((resolve, reject) => {
    const hello = () =>
      iframe.contentWindow?.postMessage(envelope('hello', id, { client: 'host.js' }), opaque ? '*' : origin);
    const finish = (error?: Error, board?: EmbeddedBoard) => {
      clearTimeout(timer);
      removeEventListener('message', onMessage);
      iframe.removeEventListener('load', hello);
      if (board) resolve(board);
      else reject(error!);
    };
    const onMessage = (e: MessageEvent) => {
      if (e.source !== iframe.contentWindow || e.origin !== from) return;
      const data = e.data as { type?: unknown; id?: unknown } | null;
      if (data?.type === 'ready' && !('payload' in data)) return hello();
      const parsed = parseFromBoard(e.data);
      if (parsed?.kind !== 'response' || parsed.response.id !== id) return;
      const port = e.ports[0];
      if (!parsed.response.ok || !port) return finish(new EmbedError('failed', 'the board refused hello'));
      const ready = parseResult('hello', parsed.response.result);
      if (!ready) return finish(new EmbedError('malformed', 'the board answered hello with an unknown result'));
      finish(undefined, new EmbeddedBoard(port, ready, options.commandTimeoutMs ?? 60_000));
    };
    const timer = setTimeout(
      () => finish(new EmbedError('timeout', `no answer from a board at ${origin}`)),
      options.timeoutMs ?? 30_000,
    );
    addEventListener('message', onMessage);
    // The board posts ready when its page starts; a hello sent before that (or after, if ready was missed) works too.
    iframe.addEventListener('load', hello);
    hello();
  });
}

/** A connected board. Events arrive only for the types something listens to (`on`). */
export class EmbeddedBoard {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    {
      type: CommandType;
      resolve: (r: unknown) => void;
      reject: (e: Error) => void;
      timer: ReturnType<typeof setTimeout>;
    }
  >();
  private readonly listeners = new Map<EventType, Set<Listener<never>>>();
  private subscribed = '';

  constructor(
    private readonly port: MessagePort,
    /** The board's version and capabilities, as it announced them. */
    readonly ready: ReadyPayload,
    private readonly timeoutMs: number,
  ) {
    port.onmessage = (e: MessageEvent) => this.receive(e.data);
  }

  /** Sends any command and resolves with its result (rejects with an EmbedError). */
  send<T extends CommandType>(type: T, payload: CommandPayloads[T]): Promise<CommandResults[T]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new EmbedError('timeout', `${type}: no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(id, { type, resolve: resolve as (r: unknown) => void, reject, timer });
      this.port.postMessage(envelope(type, id, payload));
    });
  }

  /** Calls `fn` with each event of `type`; the returned function stops it. */
  on<T extends EventType>(type: T, fn: Listener<T>): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(fn as Listener<never>);
    void this.resubscribe();
    return () => {
      set.delete(fn as Listener<never>);
      void this.resubscribe();
    };
  }

  /** Resolves with the next event of `type` that `match` accepts. */
  next<T extends EventType>(
    type: T,
    match: (payload: EventPayloads[T]) => boolean = () => true,
  ): Promise<EventPayloads[T]> {
    return new Promise((resolve) => {
      const off = this.on(type, (payload) => {
        if (!match(payload)) return;
        off();
        resolve(payload);
      });
    });
  }

  load(what: CommandPayloads['load']) {
    return this.send('load', what);
  }
  run() {
    return this.send('run', {});
  }
  pause() {
    return this.send('pause', {});
  }
  resume() {
    return this.send('resume', {});
  }
  step(us?: number) {
    return this.send('step', us === undefined ? {} : { us });
  }
  reset() {
    return this.send('reset', {});
  }
  /** A real-time multiple (0.1 to 100) or "fast". */
  speed(value: number | 'fast') {
    return this.send('speed', { value });
  }
  button(name: ButtonName, pressed: boolean) {
    return this.send('button', { name, pressed });
  }
  /** Presses and releases a button. */
  async press(name: ButtonName = 'BUTTON1') {
    await this.button(name, true);
    await this.button(name, false);
  }
  touch(stroke: [number, number][]) {
    return this.send('touch', { stroke });
  }
  digit(pixels: ArrayLike<number>) {
    return this.send('digit', { pixels: Array.from(pixels) });
  }
  temperature(celsius: number) {
    return this.send('temperature', { celsius });
  }
  stream(csv: string) {
    return this.send('stream', { csv });
  }
  serial(text: string) {
    return this.send('serial', { text });
  }
  get<W extends GetWhat>(what: W): Promise<GetResults[W]> {
    return this.send('get', { what }) as Promise<GetResults[W]>;
  }

  /** Stops listening; the board keeps running. */
  close(): void {
    this.port.close();
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new EmbedError('closed', 'the connection was closed'));
    }
    this.pending.clear();
  }

  private resubscribe(): Promise<unknown> {
    const events = [...this.listeners].filter(([, set]) => set.size > 0).map(([type]) => type);
    const key = events.sort().join();
    if (key === this.subscribed) return Promise.resolve();
    this.subscribed = key;
    return this.send('subscribe', { events }).catch(() => (this.subscribed = ''));
  }

  private receive(data: unknown): void {
    const parsed = parseFromBoard(data);
    if (!parsed) return;
    if (parsed.kind === 'event') {
      for (const fn of this.listeners.get(parsed.event.type) ?? []) (fn as Listener<EventType>)(parsed.event.payload);
      return;
    }
    const { response } = parsed;
    const p = typeof response.id === 'number' ? this.pending.get(response.id) : undefined;
    if (!p) return;
    this.pending.delete(response.id as number);
    clearTimeout(p.timer);
    if (!response.ok) return p.reject(new EmbedError(response.error.code, response.error.message));
    const result = parseResult(p.type, response.result);
    if (result === undefined)
      p.reject(new EmbedError('malformed', `${p.type}: the board answered with an unknown result`));
    else p.resolve(result);
  }
}
