// The embed schemas: what the iframe accepts, how it refuses, what the host accepts, and the published JSON Schema.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { IMAGE_BYTES } from '../ml/mnist/dataset';
import { CANVAS_SIZE } from '../ml/mnist/preprocess';
import { embedJsonSchema } from './jsonSchema';
import {
  COMMAND_TYPES,
  DIGIT_PIXELS,
  EVENT_PAYLOADS,
  EVENT_TYPES,
  parseCommand,
  parseFromBoard,
  parseResult,
  TOUCH_SIDE,
} from './protocol';
import type { CommandMessage } from './types';

const msg = (type: string, payload?: unknown, id?: string | number) => ({
  protocol: 'tinyml-sim' as const,
  v: 1 as const,
  type,
  ...(id === undefined ? {} : { id }),
  ...(payload === undefined ? {} : { payload }),
});

/** One valid example of every command (docs/embed.md shows the same). */
const EXAMPLES: CommandMessage[] = [
  { ...msg('hello', { client: 'docs' }, 1), type: 'hello', payload: { client: 'docs' } },
  { ...msg('load'), type: 'load', payload: { demo: 'mnist' } },
  { ...msg('load'), type: 'load', payload: { files: { 'main.cpp': 'int main() {}' }, demo: 'blinky' } },
  { ...msg('run'), type: 'run', payload: {} },
  { ...msg('pause'), type: 'pause', payload: {} },
  { ...msg('resume'), type: 'resume', payload: {} },
  { ...msg('step'), type: 'step', payload: { us: 250_000 } },
  { ...msg('reset'), type: 'reset', payload: {} },
  { ...msg('speed'), type: 'speed', payload: { value: 10 } },
  { ...msg('speed'), type: 'speed', payload: { value: 'fast' } },
  { ...msg('button'), type: 'button', payload: { name: 'BUTTON1', pressed: true } },
  {
    ...msg('touch'),
    type: 'touch',
    payload: {
      stroke: [
        [120, 40],
        [118, 200],
      ],
    },
  },
  { ...msg('digit'), type: 'digit', payload: { pixels: new Array(784).fill(0) } },
  { ...msg('temperature'), type: 'temperature', payload: { celsius: 21.5 } },
  { ...msg('stream'), type: 'stream', payload: { csv: 'timestamp,value\n2014-01-01 00:00:00,20\n' } },
  { ...msg('serial'), type: 'serial', payload: { text: 'hello\n' } },
  { ...msg('get'), type: 'get', payload: { what: 'lcd' } },
  { ...msg('subscribe'), type: 'subscribe', payload: { events: ['led', 'inference'] } },
];

describe('commands', () => {
  it('accepts an example of every command type', () => {
    expect(new Set(EXAMPLES.map((e) => e.type))).toEqual(new Set(COMMAND_TYPES));
    for (const example of EXAMPLES) expect(parseCommand(example), example.type).toMatchObject({ ok: true });
  });

  it('lets a command without fields leave its payload out', () => {
    expect(parseCommand(msg('pause'))).toEqual({ ok: true, value: { type: 'pause', id: undefined, payload: {} } });
  });

  it('calls anything that is not a v1 envelope malformed, without an id', () => {
    const bad = [
      'hello',
      42,
      null,
      [],
      { v: 1, type: 'run' },
      { ...msg('run'), v: 2 },
      { ...msg('run'), protocol: 'x' },
    ];
    for (const data of bad)
      expect(parseCommand(data)).toEqual({ ok: false, code: 'malformed', message: expect.any(String) });
  });

  it('names an unknown command and keeps its id for the error response', () => {
    expect(parseCommand(msg('explode', {}, 'x1'))).toEqual({
      ok: false,
      code: 'malformed',
      message: 'unknown command "explode"',
      id: 'x1',
    });
    // Inherited names are not commands.
    expect(parseCommand(msg('toString', {}, 2))).toMatchObject({ ok: false, code: 'malformed', id: 2 });
  });

  it('refuses bad payloads as invalid, saying where', () => {
    const cases: [string, unknown, RegExp][] = [
      ['button', { name: 'BUTTON9', pressed: true }, /^button: name: /],
      ['button', { name: 'BUTTON1', pressed: true, extra: 1 }, /^button: /],
      ['touch', { stroke: [[240, 0]] }, /^touch: stroke\.0\.0: /],
      ['touch', { stroke: [] }, /^touch: stroke: /],
      ['digit', { pixels: [1, 2, 3] }, /^digit: pixels: /],
      ['digit', { pixels: new Array(784).fill(256) }, /^digit: pixels\.0: /],
      ['speed', { value: 1000 }, /^speed: /],
      ['temperature', { celsius: Number.NaN }, /^temperature: celsius: /],
      ['get', { what: 'secrets' }, /^get: what: /],
      ['subscribe', { events: ['everything'] }, /^subscribe: events\.0: /],
      ['load', { files: {} }, /^load: /],
      ['load', { files: { '../../etc/passwd\n': 'x' } }, /^load: /],
      ['serial', { text: 'x'.repeat(5000) }, /^serial: text: /],
    ];
    for (const [type, payload, message] of cases) {
      const r = parseCommand(msg(type, payload, 7));
      expect(r, type).toMatchObject({ ok: false, code: 'invalid', id: 7 });
      expect(!r.ok && r.message, type).toMatch(message);
    }
  });

  it('describes the same panel and image as the MNIST firmware', () => {
    expect(TOUCH_SIDE).toBe(CANVAS_SIZE);
    expect(DIGIT_PIXELS).toBe(IMAGE_BYTES);
  });
});

describe('what the host accepts', () => {
  it('takes events and responses, nothing else', () => {
    expect(parseFromBoard(msg('led', { name: 'LED1', on: true, timeUs: 500_000 }))).toMatchObject({
      kind: 'event',
      event: { type: 'led', payload: { name: 'LED1', on: true, timeUs: 500_000 } },
    });
    const response = { ...msg('response'), id: 3, ok: false, error: { code: 'failed', message: 'no' } };
    expect(parseFromBoard(response)).toMatchObject({ kind: 'response', response: { id: 3, ok: false } });
    expect(parseFromBoard(msg('led', { name: 'LED9', on: true, timeUs: 0 }))).toBeUndefined();
    expect(parseFromBoard(msg('button', { name: 'BUTTON1', pressed: true }))).toBeUndefined();
    expect(parseFromBoard({ type: 'ready' })).toBeUndefined();
  });

  it('checks each result against its command', () => {
    expect(parseResult('get', { what: 'lcd', text: 'Presses: 1' })).toEqual({ what: 'lcd', text: 'Presses: 1' });
    expect(parseResult('get', { what: 'lcd', text: 1 })).toBeUndefined();
    expect(parseResult('stream', { readings: 10 })).toEqual({ readings: 10 });
    expect(parseResult('pause', { surprise: true })).toBeUndefined();
  });

  it('has a payload schema for every event type', () => {
    expect(Object.keys(EVENT_PAYLOADS).sort()).toEqual([...EVENT_TYPES].sort());
    expect(v.safeParse(EVENT_PAYLOADS.error, { code: 'rate-limited', message: 'slow down' }).success).toBe(true);
  });
});

describe('/embed/v1/schema.json', () => {
  const schema = embedJsonSchema();
  const text = JSON.stringify(schema);

  it('names every command and event type, and the response', () => {
    for (const type of [...COMMAND_TYPES, ...EVENT_TYPES, 'response']) expect(text).toContain(`{"const":"${type}"}`);
    expect(schema).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', $id: '/embed/v1/schema.json' });
  });

  it('carries the limits of the valibot schemas', () => {
    // The digit's 784 pixels, the panel's 0..239 coordinates, a button's names.
    expect(text).toContain('"minItems":784,"maxItems":784');
    expect(text).toContain('"maximum":239');
    expect(text).toContain('"enum":["BUTTON1","BUTTON2"]');
  });
});
