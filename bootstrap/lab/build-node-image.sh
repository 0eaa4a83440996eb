#!/usr/bin/env bash
# Builds the lab node image TAG as a thin layer (bootstrap/lab/node/) over BASE.
# Usage: build-node-image.sh BASE TAG
set -euo pipefail
base=$1 tag=$2
here=$(cd "$(dirname "$0")" && pwd)
exec 9>/tmp/swarmctl-image-build.lock
flock 9
if docker image inspect "$tag" >/dev/null 2>&1; then exit 0; fi
# Classic builder: BASE exists only locally and there is no registry to pull from.
DOCKER_BUILDKIT=0 docker build -q --pull=false --build-arg "BASE=$base" -t "$tag" "$here/node" >/dev/null
