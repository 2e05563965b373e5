// A lesson file (docs/lessons.md): front matter between `---` lines, an introduction, then one `## ` heading per
// step; a step's ```check block holds its checks, one per line. A file that cannot be a lesson gives one error; a
// step whose check does not parse keeps its error (and never passes), the rest of the lesson works.
import { parseCheck, type Check } from './checks';

export interface LessonStep {
  /** From the heading, unique in the lesson: progress is kept by it. */
  id: string;
  title: string;
  /** The step's Markdown without its check blocks. */
  text: string;
  checks: Check[];
  /** Why check lines could not be read, with their line in the file. */
  errors: string[];
}

export interface Lesson {
  id: string;
  title: string;
  /** The demo the lesson opens with. */
  demo?: string;
  order: number;
  summary?: string;
  file: string;
  intro: string;
  steps: LessonStep[];
}

export type LessonParse = { ok: true; lesson: Lesson } | { ok: false; file: string; error: string };

const KEYS = ['id', 'title', 'demo', 'order', 'summary'] as const;
type Key = (typeof KEYS)[number];
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Lesson files are small; a bigger one is a mistake (a pasted data file). */
export const MAX_LESSON_CHARS = 100_000;

class LessonError extends Error {}

function readFrontMatter(lines: string[]): { meta: Partial<Record<Key, string>>; end: number } {
  if (lines[0]?.trim() !== '---') throw new LessonError('line 1: a lesson starts with front matter: a line "---"');
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) throw new LessonError('the front matter has no closing "---" line');
  const meta: Partial<Record<Key, string>> = {};
  for (let i = 1; i < end; i++) {
    if (lines[i].trim() === '') continue;
    const m = /^([A-Za-z-]+):\s*(.*)$/.exec(lines[i]);
    if (!m) throw new LessonError(`line ${i + 1}: expected "key: value", got "${lines[i].trim()}"`);
    const key = KEYS.find((k) => k === m[1]);
    if (!key) throw new LessonError(`line ${i + 1}: unknown front-matter key "${m[1]}" (known: ${KEYS.join(', ')})`);
    if (meta[key] !== undefined) throw new LessonError(`line ${i + 1}: "${key}" is given twice`);
    meta[key] = m[2].trim().replace(/^"(.*)"$/, '$1');
  }
  return { meta, end };
}

function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'step'
  );
}

interface StepDraft {
  title: string;
  text: string[];
  checks: Check[];
  errors: string[];
}

/** Parses one lesson file; `file` names it in errors. */
export function parseLesson(source: string, file: string): LessonParse {
  try {
    if (source.length > MAX_LESSON_CHARS)
      throw new LessonError(`the file has ${source.length} characters, at most ${MAX_LESSON_CHARS} are read`);
    const lines = source.replace(/\r\n?/g, '\n').split('\n');
    const { meta, end } = readFrontMatter(lines);
    if (!meta.id || !ID.test(meta.id))
      throw new LessonError(`front matter: "id" is required, in lower case letters, digits and dashes`);
    if (!meta.title) throw new LessonError('front matter: "title" is required');
    const order = meta.order === undefined ? 1000 : Number(meta.order);
    if (!Number.isFinite(order)) throw new LessonError(`front matter: "order" must be a number, not "${meta.order}"`);

    const intro: string[] = [];
    const steps: StepDraft[] = [];
    let fence: { checks: boolean; line: number } | undefined;
    for (let i = end + 1; i < lines.length; i++) {
      const line = lines[i];
      const step = steps[steps.length - 1];
      const fenceMark = /^\s*```\s*(\S*)\s*$/.exec(line);
      if (fence) {
        if (fenceMark && fenceMark[1] === '') {
          if (!fence.checks) (step?.text ?? intro).push(line);
          fence = undefined;
        } else if (fence.checks) {
          const text = line.trim();
          if (text === '' || text.startsWith('#')) continue;
          const parsed = parseCheck(text);
          if (parsed.ok) step!.checks.push(parsed.check);
          else step!.errors.push(`line ${i + 1}: ${parsed.error}`);
        } else (step?.text ?? intro).push(line);
        continue;
      }
      if (fenceMark) {
        fence = { checks: fenceMark[1] === 'check', line: i + 1 };
        if (fence.checks && !step) throw new LessonError(`line ${i + 1}: a check block belongs in a step (## heading)`);
        if (!fence.checks) (step?.text ?? intro).push(line);
        continue;
      }
      const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line);
      if (heading) steps.push({ title: heading[1], text: [], checks: [], errors: [] });
      else (step?.text ?? intro).push(line);
    }
    if (fence) throw new LessonError(`line ${fence.line}: this code block is never closed with \`\`\``);
    if (steps.length === 0) throw new LessonError('the lesson has no steps (a step starts with a "## " heading)');

    const ids = new Set<string>();
    const lesson: Lesson = {
      id: meta.id,
      title: meta.title,
      demo: meta.demo || undefined,
      order,
      summary: meta.summary || undefined,
      file,
      intro: intro.join('\n').trim(),
      steps: steps.map((s) => {
        let id = slug(s.title);
        for (let n = 2; ids.has(id); n++) id = `${slug(s.title)}-${n}`;
        ids.add(id);
        return { id, title: s.title, text: s.text.join('\n').trim(), checks: s.checks, errors: s.errors };
      }),
    };
    return { ok: true, lesson };
  } catch (e) {
    if (e instanceof LessonError) return { ok: false, file, error: e.message };
    throw e;
  }
}

/** Every lesson of a set of files, in their order (then by title); a repeated id is an error of the later file. */
export function parseLessons(files: Record<string, string>): {
  lessons: Lesson[];
  errors: { file: string; error: string }[];
} {
  const lessons: Lesson[] = [];
  const errors: { file: string; error: string }[] = [];
  for (const [file, source] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const parsed = parseLesson(source, file);
    if (!parsed.ok) errors.push({ file, error: parsed.error });
    else if (lessons.some((l) => l.id === parsed.lesson.id))
      errors.push({ file, error: `the id "${parsed.lesson.id}" is already used by another lesson` });
    else lessons.push(parsed.lesson);
  }
  lessons.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  return { lessons, errors };
}
