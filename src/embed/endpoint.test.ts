// The iframe's handshake and port, with the window simulated and a real MessageChannel (Node's).
import { afterEach, describe, expect, it } from 'vitest';
import type { BoardCommandOf } from './dispatcher';
import { EmbedEndpoint, READY, type EndpointStatus, type WindowMessage } from './endpoint';
import { toEmbedEvent } from './events';
import { EVENT_PAYLOADS, LIMITS } from './protocol';
import * as v from 'valibot';

const HOST = 'https://docs.example';
const hello = (id: string | number = 'h') => ({ protocol: 'tinyml-sim', v: 1, type: 'hello', id, payload: {} });
const cmd = (type: string, payload?: unknown, id?: string | number) => ({
  protocol: 'tinyml-sim',
  v: 1,
  type,
  id,
  payload,
});

/** Virtual wall time: timers run when the test moves the clock. */
class Clock {
  t = 0;
  private timers: { at: number; fn: () => void }[] = [];
  readonly timersApi = {
    now: () => this.t,
    setTimeout: (fn: () => void, ms: number) => this.timers.push({ at: this.t + ms, fn }),
  };
  advance(ms: number) {
    this.t += ms;
    const due = this.timers.filter((x) => x.at <= this.t);
    this.timers = this.timers.filter((x) => x.at > this.t);
    for (const x of due) x.fn();
  }
}

const ports: MessagePort[] = [];
afterEach(() => ports.splice(0).forEach((p) => p.close()));

function setup(options: { origin?: string; run?: (c: BoardCommandOf) => Promise<unknown> } = {}) {
  const posted: { message: unknown; targetOrigin: string; transfer?: Transferable[] }[] = [];
  const parent = {
    postMessage: (message: unknown, targetOrigin: string, transfer?: Transferable[]) =>
      void posted.push({ message, targetOrigin, transfer }),
  };
  let listener: ((e: WindowMessage) => void) | undefined;
  const frame = { parent, addEventListener: (_: 'message', fn: (e: WindowMessage) => void) => void (listener = fn) };
  const clock = new Clock();
  const ran: BoardCommandOf[] = [];
  let emit:
    ((e: Parameters<Parameters<ConstructorParameters<typeof EmbedEndpoint>[0]['listen']>[0]>[0]) => void) | undefined;
  const statuses: EndpointStatus[] = [];
  const endpoint = new EmbedEndpoint({
    frame,
    origin: options.origin,
    run: options.run ?? ((c) => (ran.push(c), Promise.resolve({}))),
    listen: (fn) => void (emit = fn),
    timers: clock.timersApi,
    currentState: () => ({ demo: 'blinky', status: 'running', pace: { kind: 'fast' }, simTimeUs: 42 }),
    onStatus: (s) => statuses.push(s),
  });
  endpoint.start();
  const fromWindow = (data: unknown, origin = HOST, source: unknown = parent) => listener!({ data, origin, source });
  /** Says hello as the parent and returns the host's end of the port, with what arrives on it. */
  const connect = async () => {
    fromWindow(hello());
    const reply = posted.at(-1)!;
    const port = reply.transfer![0] as MessagePort;
    ports.push(port);
    const received: Record<string, unknown>[] = [];
    port.onmessage = (e: MessageEvent) => received.push(e.data as Record<string, unknown>);
    await until(() => received.length > 0);
    return { port, received, reply };
  };
  return {
    endpoint,
    posted,
    fromWindow,
    connect,
    clock,
    ran,
    statuses,
    emit: (e: Parameters<NonNullable<typeof emit>>[0]) => emit!(e),
  };
}

/** Waits for the port's messages (Node delivers them on later turns of its event loop). */
async function until(done: () => boolean) {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(done()).toBe(true);
}

describe('handshake', () => {
  it('announces itself with a content-free ready, to "*" or to the origin it was given', () => {
    expect(setup().posted).toEqual([
      { message: { protocol: 'tinyml-sim', v: 1, type: 'ready' }, targetOrigin: '*', transfer: undefined },
    ]);
    expect(setup({ origin: HOST }).posted[0]!.targetOrigin).toBe(HOST);
  });

  it('ignores a hello that is not from its parent, from another origin than ?origin=, or not a hello', () => {
    const s = setup({ origin: HOST });
    s.fromWindow(hello(), HOST, { postMessage() {} });
    s.fromWindow(hello(), 'https://evil.example');
    s.fromWindow(hello(), 'null');
    s.fromWindow(cmd('button', { name: 'BUTTON1', pressed: true }));
    s.fromWindow('hello');
    expect(s.posted).toHaveLength(1); // only the ready
    expect(s.endpoint.connected).toBe(false);
    expect(s.statuses.at(-1)).toEqual({ connected: false, ignored: 5 });
    expect(s.ran).toEqual([]);
  });

  it('ignores a hello from a parent in an opaque origin, which it could answer only by posting to "*"', () => {
    const s = setup();
    s.fromWindow(hello(), 'null');
    expect(s.posted).toHaveLength(1);
    expect(s.endpoint.connected).toBe(false);
  });

  it('answers the first hello to its origin with a port, and speaks only over the port from then on', async () => {
    const s = setup();
    const { port, received, reply } = await s.connect();
    expect(reply.targetOrigin).toBe(HOST);
    expect(reply.message).toEqual({ protocol: 'tinyml-sim', v: 1, type: 'response', id: 'h', ok: true, result: READY });
    expect(received[0]).toEqual({ protocol: 'tinyml-sim', v: 1, type: 'ready', payload: READY });
    // Window messages are ignored now, a second hello too; nothing more goes to the parent.
    s.fromWindow(hello('again'));
    s.fromWindow(cmd('reset'));
    expect(s.posted).toHaveLength(2);
    expect(s.statuses.at(-1)).toEqual({ connected: true, ignored: 2 });
    port.postMessage(cmd('reset', undefined, 1));
    await until(() => received.length === 2);
    expect(s.ran).toEqual([{ type: 'reset', payload: {} }]);
    expect(received[1]).toEqual({ protocol: 'tinyml-sim', v: 1, type: 'response', id: 1, ok: true, result: {} });
  });
});

describe('over the port', () => {
  it('answers refused commands: by response when they carry an id, else by an error event', async () => {
    const s = setup({ run: () => Promise.reject(new Error('there is no demo "x"')) });
    const { port, received } = await s.connect();
    port.postMessage('garbage');
    port.postMessage(cmd('button', { name: 'BUTTON9', pressed: true }, 5));
    port.postMessage(cmd('load', { demo: 'x' }, 6));
    await until(() => received.length === 4);
    expect(received.slice(1)).toEqual([
      {
        protocol: 'tinyml-sim',
        v: 1,
        type: 'error',
        payload: { code: 'malformed', message: 'not a tinyml-sim v1 message' },
      },
      {
        protocol: 'tinyml-sim',
        v: 1,
        type: 'response',
        id: 5,
        ok: false,
        error: { code: 'invalid', message: expect.stringMatching(/^button: name/) },
      },
      {
        protocol: 'tinyml-sim',
        v: 1,
        type: 'response',
        id: 6,
        ok: false,
        error: { code: 'failed', message: 'load: there is no demo "x"' },
      },
    ]);
  });

  it('refuses a message over the size limit unread; a load may be larger', async () => {
    const s = setup();
    const { port, received } = await s.connect();
    port.postMessage(cmd('serial', { text: 'x'.repeat(LIMITS.messageBytes) }, 'big'));
    port.postMessage(cmd('load', { files: { 'main.cpp': 'x'.repeat(LIMITS.messageBytes) } }, 'load'));
    port.postMessage(cmd('load', { files: { 'main.cpp': 'x'.repeat(LIMITS.loadBytes) } }, 'huge'));
    await until(() => received.length === 4);
    expect(received.slice(1).map((r) => [r.id, r.ok, (r.error as { code?: string } | undefined)?.code])).toEqual([
      ['big', false, 'too-large'],
      ['load', true, undefined],
      ['huge', false, 'too-large'],
    ]);
    expect(s.ran.map((c) => c.type)).toEqual(['load']);
  });

  it('drops a burst beyond the limit and says so once a second, with the count', async () => {
    const s = setup();
    const { port, received } = await s.connect();
    for (let i = 0; i < 10_000; i++) port.postMessage(cmd('get', { what: 'leds' }, i));
    await until(() => received.length === 1 + LIMITS.burst + 1);
    await new Promise((r) => setTimeout(r, 20)); // let all 10,000 arrive
    const errors = () => received.filter((r) => r.type === 'error');
    expect(errors()).toHaveLength(1);
    expect(s.ran).toHaveLength(LIMITS.burst);
    s.clock.advance(1000);
    await until(() => errors().length === 2);
    const counts = errors().map((e) =>
      Number(/^(\d+) messages? dropped/.exec((e.payload as { message: string }).message)![1]),
    );
    expect(counts[0]! + counts[1]!).toBe(10_000 - LIMITS.burst);
    // A second later the bucket has refilled: commands are answered again.
    port.postMessage(cmd('get', { what: 'lcd' }, 'after'));
    await until(() => received.some((r) => r.id === 'after'));
  });

  it("sends only subscribed events (ready and error always), in the schemas' shapes", async () => {
    const s = setup();
    const { port, received } = await s.connect();
    const led = toEmbedEvent({ type: 'led', name: 'LED1', on: true, timeUs: 500_000 })!;
    s.emit(led);
    port.postMessage(cmd('subscribe', { events: ['led'] }, 's'));
    await until(() => received.length === 2);
    expect(received[1]).toMatchObject({ id: 's', ok: true, result: { events: ['ready', 'error', 'led'] } });
    s.emit(led);
    s.emit(toEmbedEvent({ type: 'serial', text: 'not subscribed' })!);
    s.emit(toEmbedEvent({ type: 'led', name: 'LED1', on: false, timeUs: 1_000_000 })!);
    await until(() => received.length === 4);
    const events = received.slice(2);
    expect(events.map((e) => e.payload)).toEqual([
      { name: 'LED1', on: true, timeUs: 500_000 },
      { name: 'LED1', on: false, timeUs: 1_000_000 },
    ]);
    for (const e of events) expect(v.safeParse(EVENT_PAYLOADS.led, e.payload).success).toBe(true);
  });

  it('sends the current state when a host subscribes to state, then its changes', async () => {
    const s = setup();
    const { port, received } = await s.connect();
    port.postMessage(cmd('subscribe', { events: ['state'] }, 1));
    await until(() => received.length === 3);
    expect(received[2]).toMatchObject({
      type: 'state',
      payload: { demo: 'blinky', status: 'running', pace: { kind: 'fast' }, simTimeUs: 42 },
    });
    port.postMessage(cmd('subscribe', { events: ['state', 'led'] }, 2));
    await until(() => received.length === 4);
    expect(received[3]).toMatchObject({ id: 2, ok: true }); // already subscribed: no second snapshot
  });

  it('sends at most one lcd event per interval, always ending with the latest text', async () => {
    const s = setup();
    const { port, received } = await s.connect();
    port.postMessage(cmd('subscribe', { events: ['lcd'] }, 's'));
    await until(() => received.length === 2);
    for (const text of ['a', 'b', 'c']) s.emit({ type: 'lcd', payload: { text } });
    s.clock.advance(LIMITS.lcdIntervalMs - 1);
    s.emit({ type: 'lcd', payload: { text: 'd' } });
    s.clock.advance(1);
    await until(() => received.length === 4);
    expect(received.slice(2).map((e) => e.payload)).toEqual([{ text: 'a' }, { text: 'd' }]);
  });
});

describe('board events as embed events', () => {
  it('match the event schemas, and memory stays behind (get memory)', () => {
    const samples = [
      toEmbedEvent({ type: 'state', status: 'running', pace: { kind: 'fast' }, simTimeUs: 5 }),
      toEmbedEvent({ type: 'inference', digit: 7, scores: new Array(10).fill(0.1), source: 'touch', timeUs: 9 }),
      toEmbedEvent({ type: 'anomaly', value: 21, lo: null, hi: 30, anomaly: false, timeUs: 1 }),
      toEmbedEvent({ type: 'build', phase: 'running', errors: 0, warnings: 1 }),
      toEmbedEvent({ type: 'fault', fault: { kind: 'trap', message: 'unreachable' } }),
      toEmbedEvent({ type: 'ota', state: 0, result: 1, status: 'idle', running: '1.0.0' }),
    ];
    for (const e of samples) expect(v.safeParse(EVENT_PAYLOADS[e!.type], e!.payload).success, e!.type).toBe(true);
    expect(samples[0]!.payload).toEqual({ demo: null, status: 'running', pace: { kind: 'fast' }, simTimeUs: 5 });
    expect(toEmbedEvent({ type: 'memory' } as never)).toBeUndefined();
  });
});
