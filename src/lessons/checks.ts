// The lessons' check language: one check per line of a ```check block (docs/lessons.md, "Checks"). A line either
// parses into a Check or gives a message that says what is wrong and what the form looks like.
import { BOARDS } from '../ml/cycles/boards';
import { LWM2M_UPDATE_RESULTS, type Lwm2mUpdateResult } from '../ota';
import { LED_NAMES, RUN_STATES, type LedName, type RunState } from '../runtime';

export type TextPattern = { contains: string } | { regex: RegExp };
export type MemoryQuantity = 'flash' | 'sram' | 'model-flash' | 'arena';

/** A check as written: the line it came from. */
export type Check = CheckBody & { line: string };

type CheckBody =
  | { kind: 'led-period'; led: LedName; periodUs: number; tolerance: number; toggles: number }
  | { kind: 'led-level'; led: LedName; on: boolean }
  | { kind: 'led-turns'; led: LedName; on: boolean }
  | { kind: 'text'; where: 'lcd' | 'serial'; pattern: TextPattern }
  | { kind: 'inference'; digit?: number; source?: 'touch' | 'blob' }
  | { kind: 'build'; outcome: 'succeeded' | 'failed' }
  | { kind: 'memory-fits'; board: string; fits: boolean }
  | { kind: 'memory-target'; board: string }
  | { kind: 'memory-limit'; quantity: MemoryQuantity; maxBytes: number }
  | { kind: 'anomaly-flagged' }
  | { kind: 'anomaly-readings'; count: number }
  | { kind: 'anomaly-value'; above: boolean; celsius: number }
  | { kind: 'ota-result'; result: Lwm2mUpdateResult }
  | { kind: 'ota-running'; version: string }
  | { kind: 'pace'; pace: 'fast' | number }
  | { kind: 'state'; status: RunState };

export type CheckParse = { ok: true; check: Check } | { ok: false; error: string };

export const DEFAULT_TOLERANCE = 0.1;
export const DEFAULT_TOGGLES = 4;
const MAX_TOGGLES = 100;

const USAGE: Record<string, string[]> = {
  led: [
    'led <LED1-LED4> toggles every <duration> [±<percent>%] [for <n> toggles]',
    'led <LED> is on|off',
    'led <LED> turns on|off',
  ],
  lcd: ['lcd contains "<text>"', 'lcd matches /<regex>/<flags>'],
  serial: ['serial contains "<text>"', 'serial matches /<regex>/<flags>'],
  inference: ['inference digit <0-9> [from touch|blob]', 'inference any [from touch|blob]'],
  build: ['build succeeded', 'build failed'],
  memory: [
    'memory fits <board>',
    'memory does not fit <board>',
    'memory target <board>',
    'memory flash|sram|model-flash|arena at most <size>',
  ],
  anomaly: ['anomaly flagged', 'anomaly readings <n>', 'anomaly value above|below <celsius>'],
  ota: ['ota result <name>', 'ota running <version>'],
  pace: ['pace fast', 'pace <speed>'],
  state: [`state ${RUN_STATES.join('|')}`],
};

class CheckError extends Error {}

function fail(message: string): never {
  throw new CheckError(message);
}

/** `250ms`, `0.5 s`, `800us`, `800µs` → microseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(us|µs|ms|s)$/.exec(text.trim());
  if (!m) {
    if (/^\d+(\.\d+)?$/.test(text.trim())) fail(`"${text}" has no unit: write ${text.trim()}ms (or s, us)`);
    fail(`"${text}" is not a duration (write 250ms, 0.5s or 800us)`);
  }
  const us = Number(m[1]) * { us: 1, µs: 1, ms: 1e3, s: 1e6 }[m[2] as 'us' | 'µs' | 'ms' | 's'];
  if (!(us > 0)) fail(`the duration must be above zero, not "${text}"`);
  return us;
}

/** `64KB`, `8 KB`, `1.5 MB`, `1200 bytes` → bytes (1 KB = 1,024 bytes, as the board figures count). */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(B|bytes?|KB|KiB|MB|MiB)$/i.exec(text.trim());
  if (!m) fail(`"${text}" is not a size (write 64KB, 1.5MB or 1200 bytes)`);
  const unit = m[2].toLowerCase();
  const scale = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1;
  return Math.round(Number(m[1]) * scale);
}

function parseLed(name: string): LedName {
  const led = LED_NAMES.find((n) => n.toLowerCase() === name.toLowerCase());
  if (!led) fail(`unknown LED "${name}" (the board has ${LED_NAMES.join(', ')})`);
  return led;
}

function parseNumber(text: string, what: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) fail(`${what} must be a number, not "${text}"`);
  return n;
}

function parseInteger(text: string, what: string, min: number, max: number): number {
  const n = parseNumber(text, what);
  if (!Number.isInteger(n) || n < min || n > max) fail(`${what} must be a whole number from ${min} to ${max}`);
  return n;
}

/** `"text"` (with \" and \\ escapes) or `/regex/flags`. */
function parsePattern(text: string): TextPattern {
  const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(text);
  if (quoted) return { contains: quoted[1].replace(/\\(.)/g, '$1') };
  const regex = /^\/(.+)\/([a-z]*)$/.exec(text);
  if (regex) {
    if (/[^imsu]/.test(regex[2])) fail(`regex flags may be i, m, s and u, not "${regex[2]}"`);
    try {
      return { regex: new RegExp(regex[1], regex[2]) };
    } catch (e) {
      fail(`bad regex /${regex[1]}/: ${(e as Error).message}`);
    }
  }
  fail(`expected "text" in double quotes or a /regex/, not ${text || 'nothing'}`);
}

function parseLedCheck(words: string[]): CheckBody {
  const [, name, verb, ...rest] = words;
  if (!name) usage('led');
  const led = parseLed(name);
  if (verb === 'is' || verb === 'turns') {
    if (rest.length !== 1 || !['on', 'off'].includes(rest[0])) usage('led');
    return { kind: verb === 'is' ? 'led-level' : 'led-turns', led, on: rest[0] === 'on' };
  }
  if (verb !== 'toggles' || rest[0] !== 'every' || !rest[1]) usage('led');
  // Written back together so "250 ms", "250ms±10%" and "250ms ± 10 %" read alike.
  const m = /^(.+?)(?:\s*(?:±|\+-|\+\/-)\s*(\S+?)\s*%)?(?:\s+for\s+(\S+)\s+toggles?)?$/.exec(rest.slice(1).join(' '));
  if (!m) usage('led');
  const periodUs = parseDuration(m[1]);
  const tolerance = m[2] === undefined ? DEFAULT_TOLERANCE : parseNumber(m[2], 'the tolerance') / 100;
  if (tolerance <= 0 || tolerance >= 1) fail('the tolerance must be above 0% and below 100%');
  const toggles = m[3] === undefined ? DEFAULT_TOGGLES : parseInteger(m[3], 'the number of toggles', 1, MAX_TOGGLES);
  return { kind: 'led-period', led, periodUs, tolerance, toggles };
}

function parseTextCheck(where: 'lcd' | 'serial', line: string): CheckBody {
  const m = /^\S+\s+(contains|matches)\s+(.*)$/i.exec(line);
  if (!m) usage(where);
  const pattern = parsePattern(m[2].trim());
  if (m[1].toLowerCase() === 'contains' && !('contains' in pattern)) fail(`"${where} contains" takes "text"`);
  if (m[1].toLowerCase() === 'matches' && !('regex' in pattern)) fail(`"${where} matches" takes a /regex/`);
  return { kind: 'text', where, pattern };
}

function parseInferenceCheck(words: string[]): CheckBody {
  let rest = words.slice(1);
  let source: 'touch' | 'blob' | undefined;
  if (rest.length >= 2 && rest[rest.length - 2] === 'from') {
    const s = rest[rest.length - 1];
    if (s !== 'touch' && s !== 'blob') fail(`an inference comes from touch or blob, not "${s}"`);
    source = s;
    rest = rest.slice(0, -2);
  }
  if (rest.length === 1 && rest[0] === 'any') return { kind: 'inference', source };
  if (rest.length !== 2 || rest[0] !== 'digit') usage('inference');
  return { kind: 'inference', digit: parseInteger(rest[1], 'the digit', 0, 9), source };
}

function parseBoard(id: string | undefined): string {
  const board = BOARDS.find((b) => b.id === id?.toLowerCase());
  if (!board) fail(`unknown board "${id ?? ''}" (known: ${BOARDS.map((b) => b.id).join(', ')})`);
  return board.id;
}

function parseMemoryCheck(words: string[]): CheckBody {
  const rest = words.slice(1);
  if (rest[0] === 'fits' && rest.length === 2) return { kind: 'memory-fits', board: parseBoard(rest[1]), fits: true };
  if (rest.slice(0, 3).join(' ') === 'does not fit' && rest.length === 4)
    return { kind: 'memory-fits', board: parseBoard(rest[3]), fits: false };
  if (rest[0] === 'target' && rest.length === 2) return { kind: 'memory-target', board: parseBoard(rest[1]) };
  const quantities: MemoryQuantity[] = ['flash', 'sram', 'model-flash', 'arena'];
  if (quantities.includes(rest[0] as MemoryQuantity) && rest[1] === 'at' && rest[2] === 'most' && rest.length > 3)
    return { kind: 'memory-limit', quantity: rest[0] as MemoryQuantity, maxBytes: parseSize(rest.slice(3).join(' ')) };
  usage('memory');
}

function parseAnomalyCheck(words: string[]): CheckBody {
  const rest = words.slice(1);
  if (rest.length === 1 && rest[0] === 'flagged') return { kind: 'anomaly-flagged' };
  if (rest.length === 2 && rest[0] === 'readings')
    return { kind: 'anomaly-readings', count: parseInteger(rest[1], 'the number of readings', 1, 1_000_000) };
  if (rest.length === 3 && rest[0] === 'value' && (rest[1] === 'above' || rest[1] === 'below'))
    return {
      kind: 'anomaly-value',
      above: rest[1] === 'above',
      celsius: parseNumber(rest[2].replace(/°?C$/, ''), 'the temperature'),
    };
  usage('anomaly');
}

function parseOtaCheck(words: string[]): CheckBody {
  const rest = words.slice(1);
  if (rest.length === 2 && rest[0] === 'result') {
    const names = Object.keys(LWM2M_UPDATE_RESULTS) as Lwm2mUpdateResult[];
    const result = names.find((n) => n.toLowerCase() === rest[1].toLowerCase());
    if (!result) fail(`unknown update result "${rest[1]}" (known: ${names.join(', ')})`);
    return { kind: 'ota-result', result };
  }
  if (rest.length === 2 && rest[0] === 'running') {
    if (!/^\d+\.\d+\.\d+(\+\d+)?$/.test(rest[1])) fail(`a version looks like 1.1.0 or 1.1.0+0, not "${rest[1]}"`);
    return { kind: 'ota-running', version: rest[1] };
  }
  usage('ota');
}

function parsePaceCheck(words: string[]): CheckBody {
  if (words.length !== 2) usage('pace');
  if (words[1] === 'fast') return { kind: 'pace', pace: 'fast' };
  const speed = parseNumber(words[1].replace(/^[×x]/, ''), 'the speed');
  if (speed <= 0) fail('the speed must be above zero');
  return { kind: 'pace', pace: speed };
}

function parseStateCheck(words: string[]): CheckBody {
  const status = RUN_STATES.find((s) => s === words[1]);
  if (words.length !== 2 || !status) usage('state');
  return { kind: 'state', status };
}

function parseBuildCheck(words: string[]): CheckBody {
  if (words.length !== 2 || (words[1] !== 'succeeded' && words[1] !== 'failed')) usage('build');
  return { kind: 'build', outcome: words[1] };
}

const PARSERS: Record<string, (words: string[], line: string) => CheckBody> = {
  led: parseLedCheck,
  lcd: (_, line) => parseTextCheck('lcd', line),
  serial: (_, line) => parseTextCheck('serial', line),
  inference: parseInferenceCheck,
  build: parseBuildCheck,
  memory: parseMemoryCheck,
  anomaly: parseAnomalyCheck,
  ota: parseOtaCheck,
  pace: parsePaceCheck,
  state: parseStateCheck,
};

function usage(subject: string): never {
  fail(`expected ${USAGE[subject].map((u) => `\`${u}\``).join(' or ')}`);
}

/** Parses one line of a check block. */
export function parseCheck(source: string): CheckParse {
  const line = source.trim();
  const words = line.split(/\s+/);
  const parse = Object.hasOwn(PARSERS, words[0]) ? PARSERS[words[0]] : undefined;
  try {
    if (!parse) fail(`unknown check "${words[0]}" (a check starts with ${Object.keys(USAGE).join(', ')})`);
    const parsed = parse(words, line);
    return { ok: true, check: { ...parsed, line } };
  } catch (e) {
    if (e instanceof CheckError) return { ok: false, error: e.message };
    throw e;
  }
}
