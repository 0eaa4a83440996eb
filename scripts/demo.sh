#!/usr/bin/env bash
# `npm run demo`: the main job on the local lab, end to end, as a user would run it.
# Re-running it is safe: every step converges (a second run reports that nothing changed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-ready.sh
swarmctl() { node bin/swarmctl.js "$@"; }
step() { printf '\n\033[1m== swarmctl %s\033[0m\n' "$*"; }
run() { step "$*"; swarmctl "$@"; }

run lab up --nodes 3                       # three fresh hosts: sshd + dockerd, no swarm, no wg0
run doctor -c lab/cluster.yaml             # preflight: userspace WireGuard, no IPVS (warning)
run init -c lab/cluster.yaml               # secret store + SSH deploy key (uses lab/store.key)
run bootstrap -c lab/cluster.yaml          # host prep → WireGuard mesh → firewall → swarm over wg0
run status -c lab/cluster.yaml             # handshakes, nodes, managers, quorum
run secret ls -c lab/cluster.yaml          # what the store holds (never values)

printf '\nThe lab keeps running: try `node bin/swarmctl.js lab ssh node1 -- wg show`,\nthen `node bin/swarmctl.js lab down` to remove it.\n'
