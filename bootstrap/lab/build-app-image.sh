#!/usr/bin/env bash
# Builds the tiny lab application image (busybox-static: sh, nc, httpd, ...) as TAG, plus
# swarmctl-app:latest. Usage: build-app-image.sh TAG
set -euo pipefail
tag=$1
exec 9>/tmp/swarmctl-image-build.lock
flock 9
if docker image inspect "$tag" >/dev/null 2>&1; then docker tag "$tag" swarmctl-app:latest; exit 0; fi

bb=/bin/busybox
if ! dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed'; then
  echo "busybox-static is not installed; run: bash bootstrap/control-prereqs.sh" >&2
  exit 1
fi
work=$(mktemp -d /var/tmp/swarmctl-app.XXXXXX)
trap 'rm -rf --one-file-system "$work"' EXIT
root=$work/root
mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/data" "$root/run/secrets"
chmod 1777 "$root/tmp"
cp "$bb" "$root/bin/busybox"
for applet in $("$bb" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
tar --numeric-owner -C "$root" -c . |
  docker import -m "swarmctl lab app (busybox-static)" -c 'ENV PATH=/bin' -c 'CMD ["sh"]' - "$tag" >/dev/null
docker tag "$tag" swarmctl-app:latest
