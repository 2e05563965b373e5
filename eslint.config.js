// Lint, including the layer chain of docs/architecture.md: each folder may import only from the layers below it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const restrict = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

const UI_LIBS = [
  'react',
  'react-dom',
  'react-dom/*',
  'zustand',
  'zustand/*',
  'monaco-editor',
  'monaco-editor/*',
  '@xterm/*',
  'uplot',
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', 'test-results', 'playwright-report', '.cache'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // runtime: framework-free; knows nothing of the store, services, UI or ML.
  restrict(
    ['src/runtime/**'],
    [...UI_LIBS, '**/state/**', '**/services/**', '**/ui/**', '**/app/**', '**/ml/**', '**/toolchain/**'],
    'src/runtime is framework-free and below state/services/ui (docs/architecture.md).',
  ),
  // runtime tests build their firmware with the real toolchain.
  restrict(
    ['src/runtime/**/*.test.ts'],
    [...UI_LIBS, '**/state/**', '**/services/**', '**/ui/**', '**/app/**', '**/ml/**'],
    'src/runtime tests may use the toolchain, nothing above the runtime.',
  ),
  // toolchain: compiler glue; may use the ABI spec, nothing above it.
  restrict(
    ['src/toolchain/**'],
    [...UI_LIBS, '**/state/**', '**/services/**', '**/ui/**', '**/app/**'],
    'src/toolchain sits beside the runtime, below state/services/ui.',
  ),
  // ml: TF.js, quantization, kernels, codegen — no React, no store, no runtime wiring.
  restrict(
    ['src/ml/**'],
    [...UI_LIBS, '**/state/**', '**/services/**', '**/ui/**', '**/app/**', '**/runtime/**'],
    'src/ml has no React, store or runtime dependencies.',
  ),
  // ota: the signed model image container — format, reader, writer, signers; framework-free, no I/O wiring.
  restrict(
    ['src/ota/**'],
    [...UI_LIBS, '**/state/**', '**/services/**', '**/ui/**', '**/app/**', '**/runtime/**'],
    'src/ota is framework-free and below state/services/ui (docs/architecture.md).',
  ),
  // state: data and synchronous setters; no I/O, no workers, no UI.
  restrict(
    ['src/state/**'],
    [
      'react',
      'react-dom',
      '**/services/**',
      '**/ui/**',
      '**/app/**',
      '**/toolchain/*.worker*',
      '**/runtime/worker/*.worker*',
    ],
    'src/state holds data only; side effects live in src/services.',
  ),
  // services: wire runtime ↔ store ↔ workers; never render. The runtime only through its public surface
  // (src/runtime/index.ts); type-only imports may reach further.
  {
    files: ['src/services/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', '**/ui/**', '**/app/**'],
              message: 'src/services must not depend on the UI.',
            },
            {
              group: ['**/runtime/*', '!**/runtime/index'],
              message: 'src/services imports the runtime through src/runtime/index.ts.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  // ui: views; no direct runtime objects or workers (go through services and the store).
  restrict(
    ['src/ui/**'],
    [
      '**/runtime/Simulator*',
      '**/runtime/RunLoop*',
      '**/runtime/worker/*.worker*',
      '**/toolchain/*.worker*',
      '**/toolchain/firmwareBuilder*',
    ],
    'src/ui talks to the board through src/services and the store.',
  ),
  // fleet: the workshop wire contract and the device client; runs in the firmware worker and in Node (no DOM).
  restrict(
    ['src/fleet/**'],
    [
      ...UI_LIBS,
      '**/state/**',
      '**/services/**',
      '**/ui/**',
      '**/app/**',
      '**/ml/**',
      '**/toolchain/**',
      '**/server/**',
    ],
    'src/fleet is below the UI, the store and the services; the server and the worker use it (docs/fleet.md).',
  ),
  // server: the workshop server (Node). It may build on src/fleet, src/ota, src/runtime, src/shared and the model
  // images of src/ml; never on the page's UI, store or services.
  restrict(
    ['server/**'],
    [...UI_LIBS, '**/state/**', '**/services/**', '**/ui/**', '**/app/**', '**/toolchain/**'],
    'server/ runs in Node beside the app: it may import src/fleet, src/ota, src/runtime, src/shared, src/ml.',
  ),
  // offline: the service worker, its precache manifest and its messages; framework-free, imported by the page's
  // services (src/services/offline.ts) and the build (scripts/offlinePrecache.ts).
  restrict(
    ['src/offline/**'],
    [
      ...UI_LIBS,
      '**/state/**',
      '**/services/**',
      '**/ui/**',
      '**/app/**',
      '**/runtime/**',
      '**/ml/**',
      '**/toolchain/**',
    ],
    'src/offline is below the services and the UI (docs/architecture.md).',
  ),
  // lessons: the lesson files' parser and the check engine; pure, so Node tests run them. They see the board only
  // through the types of its event stream (src/services/boardEvents.ts), which the page feeds them.
  {
    files: ['src/lessons/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...UI_LIBS, '**/state/**', '**/ui/**', '**/app/**', '**/toolchain/**'],
              message: 'src/lessons is pure: the page feeds it board events (docs/lessons.md).',
            },
            {
              group: ['**/services/**'],
              message: 'src/lessons takes only the types of the board events from src/services.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  // embed: the postMessage API v1 (schemas, iframe endpoint, dispatcher, host SDK). The SDK is shipped to other sites
  // as /embed/v1/host.js, so nothing here may pull in the app: only valibot, and types of the board's events.
  {
    files: ['src/embed/**'],
    // Its tests may check its constants against the firmware's (src/ml/mnist).
    ignores: ['src/embed/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...UI_LIBS, '**/state/**', '**/ui/**', '**/app/**', '**/ml/**', '**/toolchain/**', '**/fleet/**'],
              message: 'src/embed stands alone: src/services wires it to the board (docs/embed.md).',
            },
            {
              group: ['**/services/**', '**/runtime/**', '**/ota/**', '**/shared/**'],
              message: 'src/embed may import only types from the board side.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  // shared: leaf utilities.
  restrict(
    ['src/shared/**'],
    [
      ...UI_LIBS,
      '**/runtime/**',
      '**/state/**',
      '**/services/**',
      '**/ui/**',
      '**/app/**',
      '**/ml/**',
      '**/toolchain/**',
    ],
    'src/shared is a leaf.',
  ),
);
