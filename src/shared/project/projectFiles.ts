// A project as it travels in a share link or a .zip: the demo it belongs to and its text files by path. One
// definition of what is acceptable, so a link and an archive are held to the same limits.
import * as v from 'valibot';

/** Limits on what a project may hold; anything larger is refused with a message, never half applied. */
export const PROJECT_LIMITS = {
  /** Files in one project (the largest demo has 9). */
  files: 64,
  /** Characters in one path. */
  pathChars: 200,
  /** UTF-8 bytes of all files together (the largest demo's sources are about 40 KB). */
  bytes: 1024 * 1024,
};

export interface Project {
  demo: string;
  files: Record<string, string>;
}

/** A relative path of plain name segments: no absolute paths, no `.` or `..`, no backslashes or control characters. */
const SEGMENT = /^[\w.+-]+$/;
export function pathProblem(path: string): string | undefined {
  if (!path) return 'an empty path';
  if (path.length > PROJECT_LIMITS.pathChars) return `a path longer than ${PROJECT_LIMITS.pathChars} characters`;
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return `an absolute path (${JSON.stringify(path)})`;
  const segments = path.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return `a path that leaves its folder (${JSON.stringify(path)})`;
  if (segments.some((s) => !SEGMENT.test(s)))
    return `a path with characters a project file may not have (${JSON.stringify(path)})`;
  return undefined;
}

const DemoName = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'the demo name is not a demo name'));

const FilePath = v.pipe(
  v.string(),
  v.check(
    (p) => pathProblem(p) === undefined,
    (issue) => `the project has ${pathProblem(String(issue.input))}`,
  ),
);

const Files = v.pipe(
  v.record(FilePath, v.string()),
  v.check((f) => Object.keys(f).length > 0, 'the project has no files'),
  v.check(
    (f) => Object.keys(f).length <= PROJECT_LIMITS.files,
    `the project has more than ${PROJECT_LIMITS.files} files`,
  ),
  v.check(
    (f) => projectBytes(f) <= PROJECT_LIMITS.bytes,
    `the project's files hold more than ${PROJECT_LIMITS.bytes / 1024} KB`,
  ),
);

export const ProjectSchema = v.strictObject(
  { demo: DemoName, files: Files },
  'it is not a project (an object with exactly a demo name and its files)',
);

const encoder = new TextEncoder();
export const projectBytes = (files: Record<string, string>): number =>
  Object.values(files).reduce((n, text) => n + encoder.encode(text).length, 0);

function parsed<T extends v.GenericSchema>(schema: T, input: unknown): v.InferOutput<T> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const where = v.getDotPath(issue);
  const plain = issue.message.startsWith('the ') || issue.message.startsWith('it ');
  throw new ProjectError(where && !plain ? `${where}: ${issue.message}` : issue.message);
}

/** `input` as a project, or an error saying the first thing wrong with it. */
export const parseProject = (input: unknown): Project => parsed(ProjectSchema, input);

/** `input` as a project's files (paths and limits checked), or an error saying the first thing wrong with them. */
export const parseFiles = (input: unknown): Record<string, string> => parsed(Files, input);

/**
 * The files a demo opens with: its shipped sources, each replaced by the project's file of the same path. A file
 * the demo does not have is refused (the editor has no way to add or remove files, and Restore demo could not
 * remove it again).
 */
export function filesForDemo(shipped: Record<string, string>, files: Record<string, string>): Record<string, string> {
  const unknown = Object.keys(files).filter((p) => !(p in shipped));
  if (unknown.length)
    throw new ProjectError(`the demo has no file ${unknown.map((p) => JSON.stringify(p)).join(', ')}`);
  return { ...shipped, ...files };
}

/** A project that cannot be used, with a message for the user. */
export class ProjectError extends Error {
  override name = 'ProjectError';
}
