#!/usr/bin/env bash
# npm test: unit and firmware tests (Vitest), then the production build and the browser tests (Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== firmware build =="
npm run --silent build:firmware

echo "== unit and firmware tests =="
npx vitest run

echo "== lint, style and types =="
npx eslint .
npm run --silent format:check
npx tsc -p .

echo "== production build =="
npx vite build --logLevel warn

echo "== browser tests =="
CHROMIUM_PATH="$(node scripts/find-browser.mjs)"
export CHROMIUM_PATH
echo "using $CHROMIUM_PATH"
npx playwright test
