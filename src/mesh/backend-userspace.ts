// userspace backend: wg-quick with wireguard-go. Under systemd it is the wg-quick@wg0 unit;
// without systemd (the lab), wg-quick is started detached from the SSH session, because
// wireguard-go dies with a session that is torn down under it (see LAB.md).
import { sh, type RemoteCommand } from '../host/command.js';
import type { HostPlan } from './diff.js';

const UP = `set -eu
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
  systemctl enable wg-quick@wg0 >/dev/null 2>&1 || true
  exec systemctl restart wg-quick@wg0
fi
[ "$1" = restart ] && ip link show wg0 >/dev/null 2>&1 && wg-quick down wg0 >/dev/null 2>&1
mkdir -p /run/swarmctl && rm -f /run/swarmctl/wg0-up.rc
export WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD=1
setsid sh -c 'wg-quick up wg0 >/run/swarmctl/wg0-up.log 2>&1; echo $? >/run/swarmctl/wg0-up.rc' </dev/null >/dev/null 2>&1 &
i=0
while [ ! -s /run/swarmctl/wg0-up.rc ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done
rc=$(cat /run/swarmctl/wg0-up.rc 2>/dev/null || echo "no result after 20 s")
[ "$rc" = 0 ] || { echo "wg-quick up: $rc" >&2; cat /run/swarmctl/wg0-up.log >&2; exit 1; }`;

// Keys reach wg through a pipe from the 0600 config file: never through argv.
const SYNC = 'set -eu; wg-quick strip wg0 | wg syncconf wg0 /dev/stdin';

export function userspaceCommands(plan: HostPlan): RemoteCommand[] {
  switch (plan.action) {
    case 'create':
      return [{ step: 'bring wg0 up (wg-quick)', argv: sh(UP, 'create'), timeoutMs: 30_000 }];
    case 'restart':
      return [{ step: 'restart wg0 (wg-quick)', argv: sh(UP, 'restart'), timeoutMs: 30_000 }];
    case 'sync':
      return [{ step: 'sync wg0 with wg0.conf (wg syncconf)', argv: sh(SYNC), timeoutMs: 15_000 }];
    default:
      return [];
  }
}
