// The parts of the compact board view (`?view=board`) and the `?parts=` option that picks them.

/** Every part a compact view can show, in the order it lays them out. */
export const PART_NAMES = ['board', 'canvas', 'chart', 'memory', 'console'] as const;
export type PartName = (typeof PART_NAMES)[number];

/** The parts a demo's panel provides; the board and the console belong to every demo. */
export type DemoPartName = Exclude<PartName, 'board' | 'console'>;

const isPartName = (s: string): s is PartName => (PART_NAMES as readonly string[]).includes(s);

/** What a demo shows without `?parts=`: its board and the panel that makes it worth embedding. */
const DEFAULT_PARTS = new Map<string, readonly PartName[]>([
  ['mnist', ['board', 'canvas']],
  ['anomaly', ['board', 'chart']],
  ['serial_echo', ['board', 'console']],
  ['busy_loop', ['board', 'console']],
]);
const BOARD_ONLY: readonly PartName[] = ['board'];

export interface ParsedParts {
  /** The known names asked for, once each; undefined when the option is absent or names none. */
  parts?: PartName[];
  /** The names that are not parts, as written. */
  unknown: string[];
}

/** Parses the value of `?parts=`: comma separated, case and spaces ignored, unknown names set apart. */
export function parseParts(value: string | null): ParsedParts {
  if (value === null) return { unknown: [] };
  const parts = new Set<PartName>();
  const unknown: string[] = [];
  for (const raw of value.split(',')) {
    const name = raw.trim().toLowerCase();
    if (isPartName(name)) parts.add(name);
    else if (name) unknown.push(raw.trim());
  }
  return parts.size ? { parts: [...parts], unknown } : { unknown };
}

/** The parts asked for by a page's query string; unknown names are ignored with a console warning. */
export function requestedParts(search: URLSearchParams): PartName[] | undefined {
  const { parts, unknown } = parseParts(search.get('parts'));
  if (unknown.length)
    console.warn(`tinyml-sim: ?parts= ignores ${unknown.join(', ')} (known parts: ${PART_NAMES.join(', ')})`);
  return parts;
}

/**
 * The parts a compact view shows for `demo`, in layout order: those asked for that the demo has (its default set
 * when none were asked for), or its board when it has none of them.
 */
export function shownParts(
  requested: readonly PartName[] | undefined,
  demo: string | undefined,
  available: ReadonlySet<PartName>,
): PartName[] {
  const wanted = new Set(requested ?? DEFAULT_PARTS.get(demo ?? '') ?? BOARD_ONLY);
  const shown = PART_NAMES.filter((p) => wanted.has(p) && available.has(p));
  return shown.length ? shown : [...BOARD_ONLY];
}
