#!/usr/bin/env bash
# `npm run bench`: every benchmark in bench/, each printing its own table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-ready.sh
for b in bench/*.mjs; do
  [ "$(basename "$b")" = lib.mjs ] && continue
  echo "### $b"
  node "$b"
done
