import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseParts, requestedParts, shownParts, type PartName } from './parts';

const ALL = new Set<PartName>(['board', 'canvas', 'chart', 'memory', 'console']);

describe('parseParts', () => {
  it('reads comma separated names once each, ignoring case and spaces', () => {
    expect(parseParts('canvas, Board,canvas')).toEqual({ parts: ['canvas', 'board'], unknown: [] });
  });

  it('sets unknown names apart as written and keeps the known ones', () => {
    expect(parseParts('board,lcd, Editor ,chart')).toEqual({ parts: ['board', 'chart'], unknown: ['lcd', 'Editor'] });
  });

  it('asks for nothing when the option is absent, empty or names no part', () => {
    expect(parseParts(null)).toEqual({ unknown: [] });
    expect(parseParts('')).toEqual({ unknown: [] });
    expect(parseParts(' , ,')).toEqual({ unknown: [] });
    expect(parseParts('toString,__proto__')).toEqual({ unknown: ['toString', '__proto__'] });
  });
});

describe('requestedParts', () => {
  afterEach(() => vi.restoreAllMocks());

  it('warns once about the names it ignores, naming the known parts', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(requestedParts(new URLSearchParams('view=board&parts=canvas,leds,editor'))).toEqual(['canvas']);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/leds, editor.*board, canvas, chart, memory, console/);
  });

  it('stays quiet when every name is known or the option is absent', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(requestedParts(new URLSearchParams('parts=board,console'))).toEqual(['board', 'console']);
    expect(requestedParts(new URLSearchParams('view=board'))).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('shownParts', () => {
  it("shows each demo's default set when none is asked for", () => {
    expect(shownParts(undefined, 'mnist', ALL)).toEqual(['board', 'canvas']);
    expect(shownParts(undefined, 'anomaly', ALL)).toEqual(['board', 'chart']);
    expect(shownParts(undefined, 'serial_echo', ALL)).toEqual(['board', 'console']);
    expect(shownParts(undefined, 'blinky', ALL)).toEqual(['board']);
    expect(shownParts(undefined, undefined, ALL)).toEqual(['board']);
    expect(shownParts(undefined, 'constructor', ALL)).toEqual(['board']);
  });

  it('shows what was asked for, in layout order, whatever order it was written in', () => {
    expect(shownParts(['console', 'canvas'], 'mnist', ALL)).toEqual(['canvas', 'console']);
    expect(shownParts(['memory', 'board', 'canvas'], 'mnist', ALL)).toEqual(['board', 'canvas', 'memory']);
  });

  it('leaves out the parts the demo does not have, and shows the board when none is left', () => {
    const blinky = new Set<PartName>(['board', 'console']);
    expect(shownParts(['canvas', 'console'], 'blinky', blinky)).toEqual(['console']);
    expect(shownParts(['chart'], 'blinky', blinky)).toEqual(['board']);
  });
});
