import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // The compiler is fetched on first Compile only; pre-bundling would pull its 100 MB of wasm into the dev graph.
  optimizeDeps: { exclude: ['@yowasp/clang', 'binaryen'] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { port: 5173 },
  preview: { port: 4173 },
});
