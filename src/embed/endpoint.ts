// The iframe's side of the embed API v1 (docs/embed.md "Handshake"): it announces itself to its parent with a
// content-free `ready`, accepts the first valid `hello` that comes from window.parent (and from `?origin=` when
// given), answers it with a MessagePort, and from then on talks over that port only: window messages are ignored
// and nothing is posted to "*" again.
import { jsonBytes, TokenBucket } from './limits';
import { COMMAND_TYPES, EVENT_TYPES, GET_WHAT, LIMITS, parseCommand, PROTOCOL, VERSION } from './protocol';
import type {
  CommandResults,
  ErrorCode,
  EventMessage,
  EventPayloads,
  EventType,
  MessageId,
  ReadyPayload,
} from './types';
import type { BoardCommandOf } from './dispatcher';

export interface WindowMessage {
  data: unknown;
  origin: string;
  source: unknown;
}

export interface EmbedFrame {
  /** window.parent: the page the board is embedded in. */
  parent: { postMessage(message: unknown, targetOrigin: string, transfer?: Transferable[]): void };
  addEventListener(type: 'message', listener: (e: WindowMessage) => void): void;
}

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
}

export interface EndpointOptions {
  frame: EmbedFrame;
  /** The host origin `?origin=` names: a hello from any other origin is ignored. */
  origin?: string;
  /** Runs a board command (dispatch() on the page). */
  run: (command: BoardCommandOf) => Promise<unknown>;
  /** Starts the board's event stream; called once a host is connected, so an unconnected embed listens to nothing. */
  listen: (emit: (event: Pick<EventMessage, 'type' | 'payload'>) => void) => void;
  timers: Timers;
  /** The board's run state now: sent when a host subscribes to `state`, so it need not wait for a change. */
  currentState: () => EventPayloads['state'];
  /** Told when a host connects and whenever a window message is ignored (the page shows both for tests). */
  onStatus?: (status: EndpointStatus) => void;
}

export interface EndpointStatus {
  connected: boolean;
  /** Window messages ignored so far: not from the parent, from another origin, not a hello, or after the hello. */
  ignored: number;
}

export const READY: ReadyPayload = {
  version: VERSION,
  capabilities: { commands: [...COMMAND_TYPES], events: [...EVENT_TYPES], get: [...GET_WHAT], limits: LIMITS },
};

/** Always delivered, subscribed or not. */
const UNSUBSCRIBABLE: EventType[] = ['ready', 'error'];
const RATE_REPORT_MS = 1000;

const idOf = (data: unknown): MessageId | undefined => {
  const id = (data as { id?: unknown } | null)?.id;
  return (typeof id === 'string' && id.length <= 64) || Number.isInteger(id) ? (id as MessageId) : undefined;
};

export class EmbedEndpoint {
  private port: MessagePort | undefined;
  private readonly subscribed = new Set<EventType>();
  private readonly bucket: TokenBucket;
  private dropped = 0;
  private ignored = 0;
  private lastRateReport = -Infinity;
  private rateReportPending = false;
  private lcd: { text: string; lastAt: number; pending: boolean } = { text: '', lastAt: -Infinity, pending: false };

  constructor(private readonly options: EndpointOptions) {
    this.bucket = new TokenBucket(LIMITS.burst, LIMITS.perSecond, options.timers.now());
  }

  get connected(): boolean {
    return this.port !== undefined;
  }

  /** Listens for the hello and announces the board to its parent. */
  start(): void {
    this.options.frame.addEventListener('message', this.onWindowMessage);
    // Content-free, so it may go to any parent before the parent is known.
    this.options.frame.parent.postMessage(
      { protocol: PROTOCOL, v: VERSION, type: 'ready' },
      this.options.origin ?? '*',
    );
  }

  private readonly onWindowMessage = (e: WindowMessage): void => {
    const { frame, origin } = this.options;
    // A host in an opaque origin ("null") cannot be answered without posting to "*": it is ignored too.
    const parsed =
      this.port || e.source !== frame.parent || e.origin === 'null' || (origin !== undefined && e.origin !== origin)
        ? undefined
        : parseCommand(e.data);
    if (!parsed?.ok || parsed.value.type !== 'hello') {
      this.ignored++;
      return this.report();
    }
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.port.onmessage = (m: MessageEvent) => this.receive(m.data);
    this.report();
    const response = { protocol: PROTOCOL, v: VERSION, type: 'response', id: parsed.value.id ?? 'hello', ok: true };
    frame.parent.postMessage({ ...response, result: READY }, e.origin, [channel.port2]);
    this.send('ready', READY);
    this.options.listen((event) => this.emit(event));
  };

  private report(): void {
    this.options.onStatus?.({ connected: this.connected, ignored: this.ignored });
  }

  /** A board event for the host, if it subscribed to it (`lcd` at most every lcdIntervalMs, the last one kept). */
  emit(event: Pick<EventMessage, 'type' | 'payload'>): void {
    if (!this.subscribed.has(event.type)) return;
    if (event.type === 'lcd') return this.throttleLcd((event.payload as EventPayloads['lcd']).text);
    this.send(event.type, event.payload);
  }

  private throttleLcd(text: string): void {
    const { timers } = this.options;
    this.lcd.text = text;
    if (this.lcd.pending) return;
    const wait = this.lcd.lastAt + LIMITS.lcdIntervalMs - timers.now();
    const flush = () => {
      this.lcd.pending = false;
      this.lcd.lastAt = timers.now();
      if (this.subscribed.has('lcd')) this.send('lcd', { text: this.lcd.text });
    };
    if (wait <= 0) return flush();
    this.lcd.pending = true;
    timers.setTimeout(flush, wait);
  }

  private send<T extends EventType>(type: T, payload: EventPayloads[T]): void {
    this.port?.postMessage({ protocol: PROTOCOL, v: VERSION, type, payload });
  }

  private refuse(code: ErrorCode, message: string, id: MessageId | undefined): void {
    if (id === undefined) this.send('error', { code, message });
    else
      this.port?.postMessage({
        protocol: PROTOCOL,
        v: VERSION,
        type: 'response',
        id,
        ok: false,
        error: { code, message },
      });
  }

  private receive(data: unknown): void {
    const now = this.options.timers.now();
    if (!this.bucket.take(now)) return this.drop(now);
    const bytes = jsonBytes(data, LIMITS.loadBytes);
    const isLoad = (data as { type?: unknown } | null)?.type === 'load';
    if (bytes > (isLoad ? LIMITS.loadBytes : LIMITS.messageBytes))
      return this.refuse(
        'too-large',
        `a message is at most ${LIMITS.messageBytes} bytes of JSON (a load ${LIMITS.loadBytes})`,
        idOf(data),
      );
    const parsed = parseCommand(data);
    if (!parsed.ok) return this.refuse(parsed.code, parsed.message, parsed.id);
    const { id, ...command } = parsed.value;
    const answer = (result: unknown) => {
      if (id !== undefined)
        this.port?.postMessage({ protocol: PROTOCOL, v: VERSION, type: 'response', id, ok: true, result });
    };
    switch (command.type) {
      case 'hello':
        return answer(READY satisfies CommandResults['hello']);
      case 'subscribe': {
        const hadState = this.subscribed.has('state');
        this.subscribed.clear();
        for (const type of [...UNSUBSCRIBABLE, ...command.payload.events]) this.subscribed.add(type);
        answer({ events: [...this.subscribed] } satisfies CommandResults['subscribe']);
        if (!hadState && this.subscribed.has('state')) this.send('state', this.options.currentState());
        return;
      }
      default:
        this.options
          .run(command)
          .then(answer, (e: unknown) =>
            this.refuse('failed', `${command.type}: ${e instanceof Error ? e.message : String(e)}`, id),
          );
    }
  }

  /** Messages beyond the rate are dropped unread; the host hears of them at most once a second. */
  private drop(now: number): void {
    this.dropped++;
    if (this.rateReportPending) return;
    const report = () => {
      this.rateReportPending = false;
      this.lastRateReport = this.options.timers.now();
      const { burst, perSecond } = LIMITS;
      this.send('error', {
        code: 'rate-limited',
        message: `${this.dropped} message${this.dropped === 1 ? '' : 's'} dropped: at most ${perSecond} a second, bursts of ${burst}`,
      });
      this.dropped = 0;
    };
    const wait = this.lastRateReport + RATE_REPORT_MS - now;
    if (wait <= 0) return report();
    this.rateReportPending = true;
    this.options.timers.setTimeout(report, wait);
  }
}
