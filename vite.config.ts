import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';

// The compiler worker keys its Cache Storage by the installed compiler's version.
const clangVersion = (JSON.parse(readFileSync(new URL('./node_modules/@yowasp/clang/package.json', import.meta.url), 'utf8')) as { version: string }).version;

export default defineConfig({
  plugins: [react()],
  define: { __YOWASP_CLANG_VERSION__: JSON.stringify(clangVersion) },
  // The compiler is fetched on first Compile only; pre-bundling would pull its 100 MB of wasm into the dev graph.
  optimizeDeps: { exclude: ['@yowasp/clang', 'binaryen'] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { port: 5173 },
  preview: { port: 4173 },
});
