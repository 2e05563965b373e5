import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  array,
  boolean,
  check,
  type Infer,
  integer,
  nullable,
  number,
  object,
  oneOf,
  optional,
  string,
  tagged,
} from './fields';

const point = object({ x: integer, y: nullable(number), label: optional(string), tags: array(oneOf('a', 'b'), 2) });
const status = tagged('status', { ok: { value: number }, failed: { reason: string, fatal: boolean } });

describe('report field descriptions', () => {
  it('derive the TypeScript type', () => {
    expectTypeOf<Infer<typeof point>>().toEqualTypeOf<{
      x: number;
      y: number | null;
      label?: string;
      tags: ('a' | 'b')[];
    }>();
    expectTypeOf<Infer<typeof status>>().toEqualTypeOf<
      { status: 'ok'; value: number } | { status: 'failed'; reason: string; fatal: boolean }
    >();
  });

  it('accept what fits', () => {
    expect(check(point, { x: 1, y: null, tags: ['a', 'b'] })).toBeUndefined();
    expect(check(point, { x: -3, y: 2.5, label: 'p', tags: ['b', 'b'] })).toBeUndefined();
    expect(check(status, { status: 'failed', reason: 'r', fatal: false })).toBeUndefined();
  });

  it('name the first field that does not fit', () => {
    expect(check(point, { x: 1.5, y: null, tags: ['a', 'b'] })).toBe('$.x: expected an integer, got number');
    expect(check(point, { x: 1, tags: ['a', 'b'] })).toBe('$.y: missing');
    expect(check(point, { x: 1, y: 1, tags: ['a', 'b'], z: 0 })).toBe('$.z: not a field of this report');
    expect(check(point, { x: 1, y: 1, tags: ['a'] })).toBe('$.tags: expected 2 elements, got 1');
    expect(check(point, { x: 1, y: 1, tags: ['a', 'c'] })).toBe('$.tags[1]: expected one of a, b, got "c"');
    expect(check(point, { x: 1, y: '1', tags: ['a', 'b'] })).toBe('$.y: expected a number, got "1"');
    expect(check(status, { status: 'maybe' })).toBe('$.status: expected one of ok, failed, got "maybe"');
    expect(check(status, { status: 'ok', value: 1, reason: 'x' })).toBe('$.reason: not a field of this report');
    expect(check(object({ on: boolean }), [])).toBe('$: expected an object, got an array');
  });
});
