// Whether a check holds for what the board did: pass, fail (the board did something else, and says what) or pending
// (nothing to judge yet). Pure: the same observations always give the same verdict.
import { BOARDS } from '../ml/cycles/boards';
import { LWM2M_UPDATE_RESULTS } from '../ota';
import type { Check, TextPattern } from './checks';
import type { Observations } from './observations';

export type Verdict = 'pass' | 'fail' | 'pending';
export interface CheckResult {
  status: Verdict;
  message: string;
}

const pass = (message: string): CheckResult => ({ status: 'pass', message });
const failed = (message: string): CheckResult => ({ status: 'fail', message });
const pending = (message: string): CheckResult => ({ status: 'pending', message });

/** 250000 → "250 ms", 1500000 → "1.5 s", 800 → "800 µs". */
export function formatDuration(us: number): string {
  const round = (x: number) => String(Number(x.toPrecision(3)));
  if (us >= 1e6) return `${round(us / 1e6)} s`;
  if (us >= 1e3) return `${round(us / 1e3)} ms`;
  return `${round(us)} µs`;
}

/** 65536 → "64 KB", 1200 → "1,200 bytes" (1 KB = 1,024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes.toLocaleString('en-US')} bytes`;
  return `${Number((bytes / 1024).toPrecision(3)).toLocaleString('en-US')} KB`;
}

const quote = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);

function found(pattern: TextPattern, text: string): boolean {
  return 'contains' in pattern ? text.includes(pattern.contains) : pattern.regex.test(text);
}

const describePattern = (p: TextPattern) => ('contains' in p ? quote(p.contains) : String(p.regex));

function ledPeriod(check: Extract<Check, { kind: 'led-period' }>, o: Observations): CheckResult {
  const { led, periodUs, tolerance, toggles } = check;
  const expected = `${formatDuration(periodUs)} ±${Math.round(tolerance * 100)}%`;
  const edges = o.edges[led];
  const intervals = edges.slice(1).map((t, i) => t - edges[i]);
  if (intervals.length < toggles) {
    const seen =
      intervals.length === 0 ? `no timed ${led} toggles yet` : `${intervals.length} of ${toggles} toggles timed`;
    return pending(`${seen}; expected every ${expected}`);
  }
  const last = intervals.slice(-toggles);
  const ok = last.every((d) => Math.abs(d - periodUs) <= tolerance * periodUs);
  if (ok) return pass(`${led} toggles every ${formatDuration(median(last))} (expected ${expected})`);
  const lo = Math.min(...last);
  const hi = Math.max(...last);
  // A steady wrong period says what the period is; an uneven one gives its range.
  const seen =
    hi - lo <= tolerance * median(last)
      ? `every ${formatDuration(median(last))}`
      : `unevenly (${formatDuration(lo)} to ${formatDuration(hi)})`;
  return failed(`${led} toggles ${seen}, expected every ${expected}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const boardName = (id: string) => BOARDS.find((b) => b.id === id)?.name ?? id;

function memory(
  check: Extract<Check, { kind: 'memory-fits' | 'memory-limit' | 'memory-target' }>,
  o: Observations,
): CheckResult {
  if (!o.memory) return pending('the firmware has not reported its model yet');
  if (check.kind === 'memory-target') {
    const text = `the panels compare with the ${boardName(o.memory.targetBoard)}`;
    return (o.memory.targetBoard === check.board ? pass : pending)(text);
  }
  const anyBoard = Object.values(o.memory.fits)[0];
  if (check.kind === 'memory-fits') {
    const name = boardName(check.board);
    const v = o.memory.fits[check.board];
    const needs = `needs ${formatBytes(v.flash.needed)} of ${formatBytes(v.flash.available)} flash and ${formatBytes(
      v.sram.needed,
    )} of ${formatBytes(v.sram.available)} SRAM`;
    const verdict = v.fits ? `fits the ${name}` : `does not fit the ${name}`;
    return (v.fits === check.fits ? pass : failed)(`the firmware ${verdict}: it ${needs}`);
  }
  const { totals } = o.memory;
  const bytes = {
    flash: anyBoard.flash.needed,
    sram: anyBoard.sram.needed,
    'model-flash': totals.flash_model_bytes,
    arena: totals.arena_bytes,
  }[check.quantity];
  const what = { flash: 'flash', sram: 'SRAM', 'model-flash': 'the model’s flash', arena: 'the arena' }[check.quantity];
  const text = `${what}: ${formatBytes(bytes)}, at most ${formatBytes(check.maxBytes)} wanted`;
  return (bytes <= check.maxBytes ? pass : failed)(text);
}

function ota(check: Extract<Check, { kind: 'ota-result' | 'ota-running' }>, o: Observations): CheckResult {
  if (!o.ota) return pending('no word from the update agent yet');
  if (check.kind === 'ota-running') {
    const running = o.ota.running;
    // "1.1.0" names the release whatever its build number; "1.1.0+2" names one build.
    const same = running !== null && (running === check.version || running.startsWith(`${check.version}+`));
    return same
      ? pass(`the board runs model ${running}`)
      : (o.ota.state === 0 ? failed : pending)(`the board runs model ${running ?? 'none'}; ${o.ota.status}`);
  }
  const want = LWM2M_UPDATE_RESULTS[check.result];
  if (o.ota.result === want) return pass(`update result: ${check.result} (${o.ota.status})`);
  // While the agent works (LwM2M state not Idle) the result may still change.
  return (o.ota.state === 0 ? failed : pending)(o.ota.status);
}

/** The verdict of one check on what the board did so far. */
export function evaluate(check: Check, o: Observations): CheckResult {
  switch (check.kind) {
    case 'led-period':
      return ledPeriod(check, o);
    case 'led-level':
      return o.leds[check.led] === check.on
        ? pass(`${check.led} is ${check.on ? 'on' : 'off'}`)
        : pending(`${check.led} is ${check.on ? 'off' : 'on'}`);
    case 'led-turns':
      return o.turned[check.led][check.on ? 'on' : 'off']
        ? pass(`${check.led} turned ${check.on ? 'on' : 'off'}`)
        : pending(`${check.led} has not turned ${check.on ? 'on' : 'off'} yet`);
    case 'text': {
      const text = check.where === 'lcd' ? o.lcd : o.serial;
      if (found(check.pattern, text)) return pass(`${check.where === 'lcd' ? 'the LCD' : 'serial'} shows it`);
      if (check.where === 'serial') return pending(`serial has not printed ${describePattern(check.pattern)} yet`);
      return pending(`the LCD shows ${quote(text.replace(/\n/g, ' / '))}`);
    }
    case 'inference': {
      const inf = o.inference;
      if (!inf || (check.source && inf.source !== check.source))
        return pending(check.source === 'blob' ? 'no inference on an image yet' : 'no inference yet');
      if (check.digit === undefined || inf.digit === check.digit) return pass(`the board predicted ${inf.digit}`);
      return failed(`the board predicted ${inf.digit}, expected ${check.digit}`);
    }
    case 'build': {
      const b = o.build;
      if (!b || b.phase === 'idle') return pending('no build since the lesson opened');
      if (b.phase === 'running') return pending('building…');
      const counts = `${b.errors} error(s), ${b.warnings} warning(s)`;
      return (b.phase === check.outcome ? pass : failed)(`the last build ${b.phase}: ${counts}`);
    }
    case 'memory-fits':
    case 'memory-limit':
    case 'memory-target':
      return memory(check, o);
    case 'anomaly-flagged':
      return o.anomaly.flagged
        ? pass('the detector flagged an anomaly')
        : pending(`no anomaly flagged in ${o.anomaly.readings} reading(s)`);
    case 'anomaly-readings':
      return o.anomaly.readings >= check.count
        ? pass(`${check.count} readings or more came`)
        : pending(`${o.anomaly.readings} of ${check.count} readings`);
    case 'anomaly-value': {
      const v = o.anomaly.last?.value;
      if (v === undefined) return pending('no reading yet');
      const ok = check.above ? v > check.celsius : v < check.celsius;
      const text = `the last reading is ${v.toFixed(2)} °C`;
      return ok ? pass(text) : pending(`${text}, wanted ${check.above ? 'above' : 'below'} ${check.celsius} °C`);
    }
    case 'ota-result':
    case 'ota-running':
      return ota(check, o);
    case 'pace': {
      const p = o.pace;
      const now = !p ? 'unknown' : p.kind === 'fast' ? 'fast-forward' : `×${p.speed}`;
      const ok = p && (check.pace === 'fast' ? p.kind === 'fast' : p.kind === 'realtime' && p.speed === check.pace);
      return ok ? pass(`pacing: ${now}`) : pending(`pacing: ${now}`);
    }
    case 'state':
      return o.status === check.status ? pass(`the board is ${o.status}`) : pending(`the board is ${o.status}`);
  }
}
