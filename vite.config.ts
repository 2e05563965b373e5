import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { embedV1 } from './scripts/embedPlugin.ts';
import { offlinePrecache } from './scripts/offlinePrecache.ts';

// The compiler worker keys its Cache Storage by the installed compiler's version.
const clangVersion = (
  JSON.parse(readFileSync(new URL('./node_modules/@yowasp/clang/package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** Serves docs/*.md at <base>docs/ (dev server) and copies them into the build, so the page's "?" links work. */
function docs(): Plugin {
  const dir = new URL('./docs/', import.meta.url);
  const pages = () => readdirSync(dir).filter((f) => f.endsWith('.md'));
  return {
    name: 'tinyml-sim-docs',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const page = req.url?.match(/\/docs\/([\w-]+\.md)(?:[?#]|$)/)?.[1];
        if (!page || !pages().includes(page)) return next();
        res.setHeader('Content-Type', 'text/markdown; charset=utf-8');
        res.end(readFileSync(new URL(page, dir)));
      });
    },
    generateBundle() {
      for (const page of pages())
        this.emitFile({ type: 'asset', fileName: `docs/${page}`, source: readFileSync(new URL(page, dir)) });
    },
  };
}

// The service worker precaches the app and the demos; the compiler's scripts are stored on first use, its
// resources stay in the compiler's own cache (src/toolchain/compilerCache.ts). Monaco's language workers are never
// started (src/ui/editor/monacoSetup.ts gives every language the editor worker): stored only if one ever runs.
const offline = offlinePrecache({
  serviceWorker: fileURLToPath(new URL('./src/offline/serviceWorker.ts', import.meta.url)),
  onDemandWorkers: /(\/compiler\.worker\.ts|\/(ts|css|html|json)\.worker\.js)$/,
  ownCache: /(^|\/)node_modules\/@yowasp\/clang\//,
});

export default defineConfig({
  plugins: [react(), docs(), embedV1(), offline.app],
  define: { __YOWASP_CLANG_VERSION__: JSON.stringify(clangVersion) },
  // The compiler is fetched on first Compile only; pre-bundling would pull its 100 MB of wasm into the dev graph.
  optimizeDeps: { exclude: ['@yowasp/clang', 'binaryen'] },
  worker: { format: 'es', plugins: () => [offline.worker()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  // The app's files are public: any page may load the embed SDK (a module script from another origin needs CORS),
  // and a board in a sandboxed iframe (an opaque origin) may load its own scripts, workers and firmware.
  server: { port: 5173, headers: { 'Access-Control-Allow-Origin': '*' } },
  preview: { port: 4173, headers: { 'Access-Control-Allow-Origin': '*' } },
});
