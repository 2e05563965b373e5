// The check engine on synthetic event sequences: each check passes when the board does what it asks, fails (saying
// what the board did) or stays pending when it does not, and starts over when the firmware restarts.
import { describe, expect, it } from 'vitest';
import type { BoardEvent, MemorySnapshot } from '../services/boardEvents';
import { parseLesson, type Lesson } from './lessonFile';
import { LessonRun } from './lessonRun';
import type { BoardNow } from './observations';

const realtime = { kind: 'realtime', speed: 1 } as const;
const now = (demo = 'blinky'): BoardNow => ({
  state: { type: 'state', demo, status: 'running', pace: realtime, simTimeUs: 0 },
  lcd: '',
  leds: { LED1: false, LED2: false, LED3: false, LED4: false },
});

function lesson(checks: string, demo = 'blinky'): Lesson {
  const parsed = parseLesson(
    `---\nid: t\ntitle: T\ndemo: ${demo}\n---\n## Step\n\`\`\`check\n${checks}\n\`\`\`\n`,
    't.md',
  );
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.lesson;
}

function runWith(checks: string, events: BoardEvent[], demo = 'blinky') {
  const run = new LessonRun(lesson(checks, demo), now(demo));
  for (const e of events) run.observe(e);
  return run.results()[0];
}

/** LED1 toggling `count` times every `periodUs`, starting at `fromUs`. */
const toggles = (count: number, periodUs: number, fromUs = 0, name: 'LED1' | 'LED2' = 'LED1'): BoardEvent[] =>
  Array.from({ length: count }, (_, i) => ({ type: 'led', name, on: i % 2 === 0, timeUs: fromUs + i * periodUs }));

const restart: BoardEvent = { type: 'state', demo: 'blinky', status: 'loading', pace: realtime, simTimeUs: 0 };

describe('LED period checks', () => {
  const check = 'led LED1 toggles every 250ms ±10% for 4 toggles';

  it('pass when the LED toggles at the period asked for', () => {
    const r = runWith(check, toggles(5, 250_000));
    expect(r.status).toBe('pass');
    expect(r.checks[0].message).toBe('LED1 toggles every 250 ms (expected 250 ms ±10%)');
  });

  it('fail with the period measured when it toggles at another', () => {
    const r = runWith(check, toggles(5, 500_000));
    expect(r.status).toBe('fail');
    expect(r.checks[0].message).toBe('LED1 toggles every 500 ms, expected every 250 ms ±10%');
  });

  it('stay pending until enough toggles are timed', () => {
    expect(runWith(check, []).checks[0]).toEqual({
      line: check,
      status: 'pending',
      message: 'no timed LED1 toggles yet; expected every 250 ms ±10%',
    });
    expect(runWith(check, toggles(3, 250_000)).checks[0].message).toBe(
      '2 of 4 toggles timed; expected every 250 ms ±10%',
    );
  });

  it('accept the tolerance and no more', () => {
    expect(runWith(check, toggles(5, 274_000)).status).toBe('pass');
    expect(runWith(check, toggles(5, 276_000)).status).toBe('fail');
  });

  it('say so when the toggles are uneven', () => {
    const times = [0, 250_000, 500_000, 600_000, 850_000];
    const events = times.map((t, i): BoardEvent => ({ type: 'led', name: 'LED1', on: i % 2 === 0, timeUs: t }));
    expect(runWith(check, events).checks[0].message).toBe(
      'LED1 toggles unevenly (100 ms to 250 ms), expected every 250 ms ±10%',
    );
  });

  it('judge the newest toggles: a new firmware at the right rate passes after a restart', () => {
    const r = runWith(check, [...toggles(9, 500_000), restart, ...toggles(5, 250_000, 10)]);
    expect(r.status).toBe('pass');
  });

  it('forget the old firmware on restart: no mixed intervals', () => {
    const r = runWith(check, [...toggles(9, 250_000), restart, ...toggles(2, 500_000)]);
    expect(r.checks[0].message).toBe('1 of 4 toggles timed; expected every 250 ms ±10%');
  });

  it('treat virtual time running backwards as a restart', () => {
    const r = runWith(check, [...toggles(9, 500_000), ...toggles(3, 250_000, 0)]);
    expect(r.checks[0].message).toBe('2 of 4 toggles timed; expected every 250 ms ±10%');
  });

  it('watch the LED they name', () => {
    expect(runWith(check, toggles(5, 250_000, 0, 'LED2')).status).toBe('pending');
  });
});

describe('other checks', () => {
  it('LED levels and edges', () => {
    const on: BoardEvent = { type: 'led', name: 'LED2', on: true, timeUs: 5 };
    const off: BoardEvent = { type: 'led', name: 'LED2', on: false, timeUs: 9 };
    expect(runWith('led LED2 is on', [on]).status).toBe('pass');
    expect(runWith('led LED2 is on', [on, off]).status).toBe('pending');
    expect(runWith('led LED2 turns on', [on, off]).status).toBe('pass');
    expect(runWith('led LED2 turns on', [on, off, restart]).status).toBe('pending');
  });

  it('LCD text is what it shows now; serial text is what it printed since the start', () => {
    const lcd = (text: string): BoardEvent => ({ type: 'lcd', text });
    expect(runWith('lcd contains "Presses: 5"', [lcd('Presses: 5')]).status).toBe('pass');
    const r = runWith('lcd contains "Presses: 5"', [lcd('Presses: 5'), lcd('Presses: 6')]);
    expect(r.checks[0]).toMatchObject({ status: 'pending', message: 'the LCD shows "Presses: 6"' });
    expect(runWith('lcd matches /Hello[\\s\\S]*Presses/', [lcd('Hello\nPresses: 1')]).status).toBe('pass');
    const serial = (text: string): BoardEvent => ({ type: 'serial', text });
    expect(runWith('serial matches /Pressed \\d+/', [serial('Pres'), serial('sed 3\nok')]).status).toBe('pass');
    expect(runWith('serial contains "Pressed"', [serial('Pressed'), restart]).checks[0].message).toBe(
      'serial has not printed "Pressed" yet',
    );
  });

  it('inference: the newest prediction, from the source asked for', () => {
    const inf = (digit: number, source: 'touch' | 'blob' = 'touch'): BoardEvent => ({
      type: 'inference',
      digit,
      scores: [],
      source,
      timeUs: 1,
    });
    expect(runWith('inference digit 7', [inf(7)], 'mnist').status).toBe('pass');
    const wrong = runWith('inference digit 7', [inf(7), inf(1)], 'mnist');
    expect(wrong.checks[0]).toMatchObject({ status: 'fail', message: 'the board predicted 1, expected 7' });
    expect(runWith('inference digit 7 from touch', [inf(7, 'blob')], 'mnist').status).toBe('pending');
    expect(runWith('inference any', [], 'mnist').checks[0].message).toBe('no inference yet');
    const mnistRestart: BoardEvent = { ...restart, demo: 'mnist' };
    expect(runWith('inference any', [inf(7), mnistRestart], 'mnist').status).toBe('pending');
  });

  it('build: the last build since the lesson opened, across the restart it causes', () => {
    const build = (phase: 'running' | 'succeeded' | 'failed', errors = 0): BoardEvent => ({
      type: 'build',
      phase,
      errors,
      warnings: 0,
    });
    expect(runWith('build succeeded', []).checks[0].message).toBe('no build since the lesson opened');
    expect(runWith('build succeeded', [build('running')]).checks[0].message).toBe('building…');
    expect(runWith('build succeeded', [build('running'), build('succeeded'), restart]).status).toBe('pass');
    const failed = runWith('build succeeded', [build('failed', 2)]);
    expect(failed.checks[0]).toMatchObject({
      status: 'fail',
      message: 'the last build failed: 2 error(s), 0 warning(s)',
    });
  });

  const memory = (modelFlash: number, targetBoard = 'disco-f413zh'): MemorySnapshot => {
    const fits = (fitsIt: boolean, available: number) => ({
      fits: fitsIt,
      flash: { needed: modelFlash + 88_557, available, fits: fitsIt },
      sram: { needed: 44_000, available: 8192, fits: fitsIt },
    });
    return {
      totals: { flash_model_bytes: modelFlash, arena_bytes: 3360 } as MemorySnapshot['totals'],
      codeBytes: 88_557,
      targetBoard,
      fits: { 'disco-f413zh': fits(true, 1536 * 1024), 'nucleo-l053r8': fits(false, 65_536) },
    };
  };

  it('memory: fits verdicts, limits and the board compared with', () => {
    const m = (snap: MemorySnapshot): BoardEvent => ({ type: 'memory', ...snap });
    expect(runWith('memory fits disco-f413zh', [], 'mnist').checks[0].message).toBe(
      'the firmware has not reported its model yet',
    );
    expect(runWith('memory fits disco-f413zh', [m(memory(110_812))], 'mnist').status).toBe('pass');
    const no = runWith('memory fits nucleo-l053r8', [m(memory(110_812))], 'mnist');
    expect(no.checks[0]).toMatchObject({
      status: 'fail',
      message: 'the firmware does not fit the NUCLEO-L053R8: it needs 195 KB of 64 KB flash and 43 KB of 8 KB SRAM',
    });
    expect(runWith('memory does not fit nucleo-l053r8', [m(memory(110_812))], 'mnist').status).toBe('pass');
    const big = runWith('memory model-flash at most 32KB', [m(memory(110_812))], 'mnist');
    expect(big.checks[0]).toMatchObject({ status: 'fail', message: 'the model’s flash: 108 KB, at most 32 KB wanted' });
    expect(runWith('memory model-flash at most 32KB', [m(memory(26_000))], 'mnist').status).toBe('pass');
    expect(runWith('memory target nucleo-l053r8', [m(memory(1, 'nucleo-l053r8'))], 'mnist').status).toBe('pass');
    // A restarted firmware has not reported its model yet.
    const restarted = runWith('memory fits disco-f413zh', [m(memory(1)), { ...restart, demo: 'mnist' }], 'mnist');
    expect(restarted.checks[0].message).toBe('the firmware has not reported its model yet');
    // The snapshot taken when the lesson opened counts: the firmware reported its model before.
    const run = new LessonRun(lesson('memory fits disco-f413zh', 'mnist'), { ...now('mnist'), memory: memory(1) });
    expect(run.results()[0].status).toBe('pass');
  });

  it('anomaly: flagged, readings counted, the last value', () => {
    const sample = (value: number, anomaly = false): BoardEvent => ({
      type: 'anomaly',
      value,
      lo: 19,
      hi: 21,
      anomaly,
      timeUs: 1,
    });
    expect(runWith('anomaly flagged', [sample(20), sample(20)], 'anomaly').checks[0].message).toBe(
      'no anomaly flagged in 2 reading(s)',
    );
    expect(runWith('anomaly flagged', [sample(45, true), sample(20)], 'anomaly').status).toBe('pass');
    expect(runWith('anomaly readings 3', [sample(20), sample(20)], 'anomaly').status).toBe('pending');
    expect(runWith('anomaly value above 40', [sample(45)], 'anomaly').status).toBe('pass');
    expect(runWith('anomaly value above 40', [sample(45), sample(20)], 'anomaly').status).toBe('pending');
  });

  it('ota: fails once the agent is idle with another result, pending while it works', () => {
    const ota = (state: number, result: number, running: string | null): BoardEvent => ({
      type: 'ota',
      state,
      result,
      status: `OTA: state ${state}`,
      running,
    });
    expect(runWith('ota result success', [ota(1, 0, '1.0.0+0')], 'mnist').status).toBe('pending');
    expect(runWith('ota result success', [ota(0, 5, '1.0.0+0')], 'mnist').status).toBe('fail');
    expect(runWith('ota result success', [ota(0, 1, '1.1.0+0')], 'mnist').status).toBe('pass');
    expect(runWith('ota running 1.1.0', [ota(0, 1, '1.1.0+0')], 'mnist').status).toBe('pass');
    expect(runWith('ota running 1.1.0+1', [ota(0, 1, '1.1.0+0')], 'mnist').status).toBe('fail');
    expect(runWith('ota running 1.1.0', [ota(0, 1, '1.10.0+0')], 'mnist').status).toBe('fail');
    // The agent's last report before the lesson opened counts.
    const snapshot = {
      ...now('mnist'),
      ota: { type: 'ota', state: 0, result: 1, status: '', running: '1.1.0+0' } as const,
    };
    expect(new LessonRun(lesson('ota running 1.1.0', 'mnist'), snapshot).results()[0].status).toBe('pass');
    expect(runWith('ota result success', [ota(0, 1, '1.1.0+0'), { ...restart, demo: 'mnist' }], 'mnist').status).toBe(
      'pending',
    );
  });

  it('pace and state hold whichever demo is open; board checks wait for the lesson’s demo', () => {
    const fast: BoardEvent = { type: 'state', demo: 'mnist', status: 'running', pace: { kind: 'fast' }, simTimeUs: 0 };
    const r = runWith('pace fast\nled LED1 is off', [fast]);
    expect(r.checks.map((c) => c.status)).toEqual(['pass', 'pending']);
    expect(r.checks[1].message).toBe('open the blinky demo: this lesson watches it');
    expect(runWith('pace 1', []).status).toBe('pass');
    const starting = new LessonRun(lesson('led LED1 is off'), { ...now(), state: { ...now().state, demo: undefined } });
    expect(starting.results()[0].checks[0].message).toBe('waiting for the board to start');
  });

  it('a step passes only when all its checks pass at once', () => {
    const events = [...toggles(5, 250_000)];
    expect(runWith('led LED1 toggles every 250ms\nbuild succeeded', events).status).toBe('pending');
    expect(runWith('led LED1 toggles every 500ms\nled LED1 is on', toggles(5, 250_000)).status).toBe('fail');
  });

  it('steps without checks are manual; steps with unreadable checks are invalid', () => {
    const parsed = parseLesson(
      '---\nid: t\ntitle: T\n---\n## Read\nText\n## Bad\n```check\nled LED9 is on\n```\n',
      't.md',
    );
    if (!parsed.ok) throw new Error(parsed.error);
    const results = new LessonRun(parsed.lesson, now()).results();
    expect(results.map((r) => r.status)).toEqual(['manual', 'invalid']);
  });
});
