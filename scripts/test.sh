#!/usr/bin/env bash
# `npm test`: every test: unit, in-process CLI and lab (real node containers, SSH, Docker,
# Swarm, WireGuard). The lab comes up once for the run and is torn down at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-ready.sh
mkdir -p .cache
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest-report.json "$@" || status=$?
# A plain closing line for log readers that do not know vitest's summary format.
node -e '
  const r = JSON.parse(require("fs").readFileSync(".cache/vitest-report.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || true
exit $status
