#!/usr/bin/env bash
# Shared by `npm test` and `npm run demo`: control-machine prerequisites, dependencies, build.
# Each step is skipped when already done, so a second run costs a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash bootstrap/control-prereqs.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npx tsc -p tsconfig.json
