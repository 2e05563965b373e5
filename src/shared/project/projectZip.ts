// A project as a .zip file: its files under a folder named after the demo, beside a small manifest naming the demo
// (`tinyml-sim.json`). Reading accepts what people make of it: the folder or no folder, and the debris some
// archivers add (macOS's __MACOSX/ and .DS_Store).
import * as v from 'valibot';
import { parseFiles, pathProblem, PROJECT_LIMITS, ProjectError, type Project } from './projectFiles';
import { readZip, writeZip, ZipError, type ZipLimits } from './zip';

export const MANIFEST = 'tinyml-sim.json';
const FORMAT = 'tinyml-sim-project';
const VERSION = 1;

/** What an imported archive may be: 4 MB, 256 entries (folders included), the project's byte limit plus its manifest. */
export const ZIP_LIMITS: ZipLimits = {
  archiveBytes: 4 * 1024 * 1024,
  entries: 256,
  totalBytes: PROJECT_LIMITS.bytes + 4096,
};

const ManifestSchema = v.object({
  format: v.literal(FORMAT),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  demo: v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/)),
});

export async function projectToZip(project: Project, when?: Date): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const manifest = JSON.stringify({ format: FORMAT, version: VERSION, demo: project.demo }, null, 2) + '\n';
  const entries = [{ path: MANIFEST, bytes: encoder.encode(manifest) }];
  for (const path of Object.keys(project.files).sort())
    entries.push({ path, bytes: encoder.encode(project.files[path]) });
  return writeZip(
    entries.map((e) => ({ ...e, path: `${project.demo}/${e.path}` })),
    when,
  );
}

/** An imported project: its files, and the demo its manifest names (none when the archive has no manifest). */
export interface ImportedProject {
  demo?: string;
  files: Record<string, string>;
}

const debris = (path: string) => path.startsWith('__MACOSX/') || path.split('/').pop() === '.DS_Store';

/** The project in a .zip file; throws a ProjectError saying why an archive cannot be used. */
export async function projectFromZip(bytes: Uint8Array): Promise<ImportedProject> {
  let entries;
  try {
    entries = (await readZip(bytes, ZIP_LIMITS)).filter((e) => !debris(e.path));
  } catch (e) {
    if (e instanceof ZipError) throw new ProjectError(`the file cannot be read: ${e.message}`);
    throw e;
  }
  // Paths are checked as the archive has them, before a folder is taken off ("../x" must not become "x").
  for (const { path } of entries) {
    const problem = pathProblem(path);
    if (problem) throw new ProjectError(`the archive has ${problem}`);
  }
  // One folder holding everything (as the export writes it, or as zipping a folder does) is not part of the paths.
  const top = entries[0]?.path.split('/')[0];
  const folder = top && entries.every((e) => e.path.startsWith(`${top}/`)) ? `${top}/` : '';
  const text = new TextDecoder('utf-8', { fatal: true });
  const files: Record<string, string> = {};
  let demo: string | undefined;
  for (const entry of entries) {
    const path = entry.path.slice(folder.length);
    let content: string;
    try {
      content = text.decode(entry.bytes);
    } catch {
      throw new ProjectError(`"${path}" is not a text file (not UTF-8)`);
    }
    if (path === MANIFEST) demo = manifestDemo(content);
    else files[path] = content;
  }
  if (!Object.keys(files).length) throw new ProjectError('the archive holds no project files');
  return { demo, files: parseFiles(files) };
}

function manifestDemo(text: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProjectError(`its ${MANIFEST} is not valid JSON`);
  }
  const result = v.safeParse(ManifestSchema, json);
  if (!result.success) throw new ProjectError(`its ${MANIFEST} is not a tinyml-sim project manifest`);
  if (result.output.version > VERSION)
    throw new ProjectError(`it was exported by a newer version of tinyml-sim (format ${result.output.version})`);
  return result.output.demo;
}
