#!/usr/bin/env bash
# Prepares the control machine (Debian 12, root) for swarmctl's lab and tests.
# Idempotent: installs only what is missing, starts dockerd only if it is not answering.
set -euo pipefail

log() { printf '[prereqs] %s\n' "$*" >&2; }

if [ "$(id -u)" != 0 ]; then
  echo "bootstrap/control-prereqs.sh must run as root (it installs Debian packages and starts dockerd)" >&2
  exit 2
fi

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for pkg in docker.io debootstrap wireguard-tools iproute2 iptables openssh-client systemd tcpdump busybox-static ca-certificates; do
  have_pkg "$pkg" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  log "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# dockerd: no systemd as PID 1 here, so start it ourselves when it is not answering.
sock=/var/run/docker.sock
if ! docker -H "unix://$sock" version >/dev/null 2>&1; then
  log "starting dockerd"
  # A dockerd killed with its session leaves pid files behind that block the next start.
  for pidfile in /var/run/docker.pid /var/run/docker/containerd/containerd.pid; do
    if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null; then rm -f "$pidfile"; fi
  done
  dockerd=/usr/sbin/dockerd
  [ -x "$dockerd" ] || dockerd=$(command -v dockerd)
  setsid "$dockerd" >/var/log/dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 1 120); do
    docker -H "unix://$sock" version >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker -H "unix://$sock" version >/dev/null 2>&1 || { log "dockerd did not start; see /var/log/dockerd.log"; tail -20 /var/log/dockerd.log >&2; exit 1; }
fi
log "ready: $(docker version --format 'engine {{.Server.Version}} (API {{.Server.APIVersion}})')"
