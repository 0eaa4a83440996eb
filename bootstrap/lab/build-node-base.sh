#!/usr/bin/env bash
# Builds the lab node's base root file system from Debian packages and imports it as TAG.
# Usage: build-node-base.sh TAG
# Concurrent callers (several labs coming up at once) serialise on a lock; the second finds the
# image already built. The debootstrap tree lives in a temp dir that is always removed.
set -euo pipefail
tag=$1
here=$(cd "$(dirname "$0")" && pwd)
mirror=${SWARMCTL_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=/var/cache/swarmctl/debs

exec 9>/tmp/swarmctl-image-build.lock
flock 9
if docker image inspect "$tag" >/dev/null 2>&1; then exit 0; fi

work=$(mktemp -d /var/tmp/swarmctl-rootfs.XXXXXX)
trap 'rm -rf --one-file-system "$work"' EXIT
mkdir -p "$cache"
pkgs=$(grep -v '^\s*#' "$here/node-packages.txt" | awk 'NF{print $1}' | paste -sd, -)

echo "debootstrap bookworm ($pkgs)" >&2
debootstrap --variant=minbase --cache-dir="$cache" --include="$pkgs" bookworm "$work/root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -30 "$work/debootstrap.log" >&2
  exit 1
}

# Shrink: docs, manuals, apt lists and caches are never used inside a lab node.
rm -rf "$work/root"/usr/share/doc/* "$work/root"/usr/share/man/* "$work/root"/usr/share/info/* \
  "$work/root"/var/lib/apt/lists/* "$work/root"/var/cache/apt/*.bin "$work/root"/var/cache/apt/archives/*.deb
# Host keys must be unique per node: generated at container start, never baked into the image.
rm -f "$work/root"/etc/ssh/ssh_host_*
# Mount points that docker fills in at run time.
: >"$work/root/etc/hostname"; : >"$work/root/etc/resolv.conf"

echo "docker import $tag" >&2
tar --numeric-owner -C "$work/root" -c . | docker import -m "swarmctl lab node base" - "$tag" >/dev/null
