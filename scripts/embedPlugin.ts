// Serves and builds the embed API's public files under /embed/v1/ (docs/embed.md): host.js (the SDK, one ES module
// bundled from src/embed/host.ts with its schemas), host.d.ts and types.d.ts (its declarations), schema.json
// (generated from the valibot schemas) and example.html. `vite` serves them, `vite build` writes them into dist/.
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { build, type Plugin } from 'vite';
import { embedJsonSchema } from '../src/embed/jsonSchema.ts';

const DIR = 'embed/v1/';
const src = (file: string) => new URL(`../src/embed/${file}`, import.meta.url);

async function hostModule(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      lib: { entry: src('host.ts').pathname, formats: ['es'], fileName: 'host' },
    },
  });
  const chunks = (Array.isArray(out) ? out : [out]).flatMap((o) => ('output' in o ? o.output : []));
  const entry = chunks.find((c) => c.type === 'chunk' && c.isEntry);
  if (!entry || entry.type !== 'chunk' || chunks.length !== 1) throw new Error('host.ts must build to one module');
  return entry.code;
}

/** host.d.ts and the types.d.ts it imports: plain types, no library needed to use them. */
function declarations(): Record<string, string> {
  const files: Record<string, string> = {};
  const program = ts.createProgram([src('host.ts').pathname], {
    declaration: true,
    emitDeclarationOnly: true,
    strict: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
  });
  program.emit(undefined, (name, text) => {
    const base = name.split('/').pop()!;
    if (base === 'host.d.ts' || base === 'types.d.ts') files[base] = text;
  });
  if (!files['host.d.ts'] || !files['types.d.ts']) throw new Error('the SDK declarations were not emitted');
  if (/from '\.\/(?!types)/.test(files['host.d.ts']!)) throw new Error('host.d.ts may import only ./types');
  return files;
}

export async function embedFiles(): Promise<Record<string, string>> {
  return {
    'host.js': await hostModule(),
    ...declarations(),
    'schema.json': `${JSON.stringify(embedJsonSchema(), null, 2)}\n`,
    'example.html': readFileSync(src('example.html'), 'utf8'),
  };
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  ts: 'text/plain; charset=utf-8',
  json: 'application/json',
  html: 'text/html; charset=utf-8',
};

export function embedV1(): Plugin {
  return {
    name: 'tinyml-sim-embed-v1',
    configureServer(server) {
      let files: Promise<Record<string, string>> | undefined;
      server.watcher.on('change', (path) => path.includes('/src/embed/') && (files = undefined));
      server.middlewares.use((req, res, next) => {
        const file = req.url?.match(/\/embed\/v1\/([\w.-]+)(?:[?#]|$)/)?.[1];
        if (!file) return next();
        (files ??= embedFiles()).then((files) => {
          if (!(file in files)) return next();
          res.setHeader('Content-Type', TYPES[file.split('.').pop()!]!);
          res.setHeader('Access-Control-Allow-Origin', '*');
          res.end(files[file]);
        }, next);
      });
    },
    async generateBundle() {
      for (const [file, source] of Object.entries(await embedFiles()))
        this.emitFile({ type: 'asset', fileName: `${DIR}${file}`, source });
    },
  };
}
