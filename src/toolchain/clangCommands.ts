// The subset of @yowasp/clang's API the builder uses; Node and the compiler worker pass the real module.

export type FileTree = { [name: string]: FileTree | string | Uint8Array };

export interface RunOptions {
  stdout?: ((bytes: Uint8Array | null) => void) | null;
  stderr?: ((bytes: Uint8Array | null) => void) | null;
}

export type Command = (
  args: string[],
  files: FileTree,
  options?: RunOptions,
) => Promise<FileTree> | FileTree | undefined;

export interface ClangCommands {
  'clang++': Command;
  ar: Command;
}

/** Raised by @yowasp/clang when the tool exits non-zero. */
export interface ToolExit extends Error {
  code: number;
}

export function isToolExit(e: unknown): e is ToolExit {
  return e instanceof Error && typeof (e as Partial<ToolExit>).code === 'number';
}

/** Flat `path → content` map to the nested tree the tools read. */
export function toTree(files: Record<string, string | Uint8Array>): FileTree {
  const root: FileTree = {};
  for (const [path, content] of Object.entries(files)) {
    const parts = path.split('/').filter(Boolean);
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      const next = dir[part];
      if (next === undefined) dir = dir[part] = {};
      else if (typeof next === 'object' && !(next instanceof Uint8Array)) dir = next;
      else throw new Error(`toTree: ${part} in ${path} is a file, not a folder`);
    }
    dir[parts[parts.length - 1]] = content;
  }
  return root;
}

/** Reads one file back out of a tree. */
export function fromTree(tree: FileTree | undefined, path: string): string | Uint8Array | undefined {
  let node: FileTree | string | Uint8Array | undefined = tree;
  for (const part of path.split('/').filter(Boolean)) {
    if (node === undefined || typeof node === 'string' || node instanceof Uint8Array) return undefined;
    node = node[part];
  }
  return typeof node === 'object' && !(node instanceof Uint8Array) ? undefined : node;
}
