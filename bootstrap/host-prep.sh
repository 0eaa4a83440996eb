#!/bin/sh
# Host preparation for swarmctl bootstrap, piped to `sh -s` over SSH (nothing secret in here).
#   sh -s -- prepare [--check]        prerequisites + kernel settings Swarm/VXLAN need
#   sh -s -- offload IFACE [--check]  VXLAN-over-WireGuard checksum-offload workaround on IFACE
# Idempotent: prints "changed: ..." only for what it changed, "unchanged" when nothing was.
# Exit 0 ok, 2 a prerequisite is missing (nothing changed), 3 with --check when a change is due.
set -eu
phase=${1:-prepare}
check=no
for a in "$@"; do [ "$a" = --check ] && check=yes; done
changes=0

change() { # what, command...
  what=$1; shift
  changes=$((changes + 1))
  if [ "$check" = yes ]; then echo "would change: $what"; return 0; fi
  "$@" && echo "changed: $what"
}

missing=""
need() { command -v "$1" >/dev/null 2>&1 || missing="$missing $1"; }

prepare() {
  need docker; need dockerd; need wg; need ip; need iptables; need iptables-restore
  # WireGuard: the kernel module (networkd backend) or wireguard-go (userspace backend). The same
  # test as the mesh's backend choice (src/mesh/remote-state.ts), and it loads nothing (--check too).
  if [ ! -d /sys/module/wireguard ] && ! modinfo -n wireguard >/dev/null 2>&1; then need wireguard-go; fi
  if [ -n "$missing" ]; then
    echo "missing on $(hostname):$missing (install them: e.g. apt-get install docker.io wireguard-tools wireguard-go iptables)" >&2
    exit 2
  fi
  if ! docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
    echo "the Docker engine on $(hostname) does not answer on /var/run/docker.sock (start dockerd)" >&2
    exit 2
  fi

  # Kernel settings. Written to sysctl.d so they survive a reboot, applied now when they differ.
  conf=/etc/sysctl.d/90-swarmctl.conf
  want="# Written by swarmctl bootstrap.
# Overlay and published ports are routed through the host.
net.ipv4.ip_forward = 1
# VXLAN decapsulated from wg0 arrives on a different interface than its route back:
# strict reverse-path filtering would drop it.
net.ipv4.conf.all.rp_filter = 2"
  if [ -d /proc/sys/net/bridge ]; then
    want="$want
# Bridged container traffic must traverse iptables (DOCKER-USER firewall).
net.bridge.bridge-nf-call-iptables = 1"
  fi
  if [ ! -f "$conf" ] || [ "$(cat "$conf")" != "$want" ]; then
    change "$conf" sh -c 'mkdir -p /etc/sysctl.d && printf "%s\n" "$1" > "$2.tmp" && mv "$2.tmp" "$2"' sh "$want" "$conf"
  fi
  # A here-document, not a pipe: the loop must run in this shell to count its changes.
  while IFS='= ' read -r key value; do
    case $key in ''|'#'*) continue ;; esac
    cur=$(sysctl -n "$key" 2>/dev/null || echo unknown)
    if [ "$cur" != "$value" ]; then
      change "sysctl $key=$value" sysctl -q -w "$key=$value" || echo "warning: cannot set $key (read-only here?)" >&2
    fi
  done <<SYSCTLS
$want
SYSCTLS

  # VXLAN module for overlay networks (Docker loads it too; loading early surfaces a missing one).
  mods=/etc/modules-load.d/swarmctl.conf
  if [ "$(cat "$mods" 2>/dev/null)" != "vxlan" ]; then
    change "$mods" sh -c 'mkdir -p /etc/modules-load.d && echo vxlan > "$1"' sh "$mods"
  fi
  [ "$check" = yes ] || [ -d /sys/module/vxlan ] || modprobe -q vxlan 2>/dev/null || true
}

# VXLAN packets handed to wg0 with checksum offload left "on" can reach the peer with a bad inner
# UDP checksum (nothing offloads on a tunnel): overlay TCP then stalls. Turning tx checksumming
# off on wg0 makes the kernel compute it first. Persisted by a udev rule for when wg0 is re-created.
offload() {
  iface=${1:?interface}
  rule=/etc/udev/rules.d/90-swarmctl-offload.rules
  want="ACTION==\"add\", SUBSYSTEM==\"net\", KERNEL==\"$iface\", RUN+=\"/sbin/ethtool -K $iface tx off\""
  if ! command -v ethtool >/dev/null 2>&1; then echo "note: ethtool not installed; checksum offload on $iface left as is"; return 0; fi
  if [ "$(cat "$rule" 2>/dev/null)" != "$want" ]; then
    change "$rule" sh -c 'mkdir -p /etc/udev/rules.d && printf "%s\n" "$1" > "$2"' sh "$want" "$rule"
  fi
  if ethtool -k "$iface" 2>/dev/null | grep -q '^tx-checksumming: on'; then
    change "tx checksum offload off on $iface" ethtool -K "$iface" tx off
  fi
}

case $phase in
  prepare) prepare ;;
  offload) shift; offload "${1:-wg0}" ;;
  *) echo "unknown phase $phase" >&2; exit 2 ;;
esac
if [ "$changes" = 0 ]; then echo unchanged; elif [ "$check" = yes ]; then exit 3; fi
