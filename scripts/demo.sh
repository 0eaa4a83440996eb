#!/usr/bin/env bash
# `npm run demo`: the main job on the local lab, end to end, as a user would run it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-ready.sh
swarmctl() { node bin/swarmctl.js "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "swarmctl lab up --nodes 3   (three fresh hosts: sshd + dockerd, no swarm, no wg0)"
swarmctl lab up --nodes 3
step "swarmctl doctor -c lab/cluster.yaml"
swarmctl doctor -c lab/cluster.yaml
