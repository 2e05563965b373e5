// Each board command reaches the board's matching input, with the payload translated as the docs say.
import { describe, expect, it } from 'vitest';
import { dispatch, type BoardCommandOf, type EmbedBoard } from './dispatcher';

/** A board that writes down what it is asked to do. */
function recordingBoard(): { board: EmbedBoard; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const record =
    (name: string, result?: unknown) =>
    (...args: unknown[]) => {
      calls.push([name, ...args]);
      return result;
    };
  const board: EmbedBoard = {
    load: record('load', Promise.resolve({ demo: 'mnist' })) as EmbedBoard['load'],
    run: record('run'),
    pause: record('pause'),
    resume: record('resume'),
    step: record('step'),
    reset: record('reset'),
    pace: record('pace'),
    button: record('button'),
    touch: record('touch'),
    digit: record('digit'),
    temperature: record('temperature'),
    stream: record('stream', Promise.resolve({ readings: 2 })) as EmbedBoard['stream'],
    serial: record('serial'),
    get: record('get', { what: 'lcd', text: 'hi' }) as EmbedBoard['get'],
  };
  return { board, calls };
}

async function run(command: BoardCommandOf) {
  const { board, calls } = recordingBoard();
  const result = await dispatch(board, command);
  return { result, calls };
}

describe('dispatch', () => {
  it('loads a demo, or files built and run', async () => {
    expect(await run({ type: 'load', payload: { demo: 'mnist' } })).toEqual({
      result: { demo: 'mnist' },
      calls: [['load', 'mnist']],
    });
    const files = { 'main.cpp': 'int main() {}' };
    expect((await run({ type: 'load', payload: { files } })).calls).toEqual([['load', undefined, files]]);
  });

  it('draws a stroke as pen down, moves, pen up at the last point', async () => {
    const { calls } = await run({
      type: 'touch',
      payload: {
        stroke: [
          [10, 20],
          [30, 40],
          [50, 60],
        ],
      },
    });
    expect(calls).toEqual([
      ['touch', 'press', 10, 20],
      ['touch', 'move', 30, 40],
      ['touch', 'move', 50, 60],
      ['touch', 'release', 50, 60],
    ]);
    expect((await run({ type: 'touch', payload: { stroke: [[5, 5]] } })).calls).toEqual([
      ['touch', 'press', 5, 5],
      ['touch', 'release', 5, 5],
    ]);
  });

  it('translates speed, step and digit', async () => {
    expect((await run({ type: 'speed', payload: { value: 'fast' } })).calls).toEqual([['pace', { kind: 'fast' }]]);
    expect((await run({ type: 'speed', payload: { value: 10 } })).calls).toEqual([
      ['pace', { kind: 'realtime', speed: 10 }],
    ]);
    expect((await run({ type: 'step', payload: {} })).calls).toEqual([['step', 10_000]]);
    expect((await run({ type: 'step', payload: { us: 7 } })).calls).toEqual([['step', 7]]);
    const { calls } = await run({ type: 'digit', payload: { pixels: [0, 128, 255] } });
    expect(calls).toEqual([['digit', Uint8Array.from([0, 128, 255])]]);
  });

  it('passes the rest straight through and answers with the board results', async () => {
    expect(await run({ type: 'button', payload: { name: 'BUTTON2', pressed: false } })).toEqual({
      result: {},
      calls: [['button', 'BUTTON2', false]],
    });
    expect((await run({ type: 'temperature', payload: { celsius: -3 } })).calls).toEqual([['temperature', -3]]);
    expect((await run({ type: 'serial', payload: { text: 'go\n' } })).calls).toEqual([['serial', 'go\n']]);
    expect(await run({ type: 'stream', payload: { csv: 'a' } })).toEqual({
      result: { readings: 2 },
      calls: [['stream', 'a']],
    });
    expect(await run({ type: 'get', payload: { what: 'lcd' } })).toEqual({
      result: { what: 'lcd', text: 'hi' },
      calls: [['get', 'lcd']],
    });
    for (const type of ['run', 'pause', 'resume', 'reset'] as const)
      expect((await run({ type, payload: {} })).calls).toEqual([[type]]);
  });
});
