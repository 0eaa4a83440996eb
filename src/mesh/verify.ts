// Verification after apply, run on each host: ping every peer's mesh address through wg0
// (which also makes WireGuard handshake) until all answer or the deadline passes, then read
// the handshakes and the peer set `wg show` reports. networkd silently drops a peer it cannot
// parse, so the peer set is compared, not assumed.
import { sh, type RemoteCommand } from '../host/command.js';
import type { NodeMesh } from './model.js';
import { parseProbe } from './remote-state.js';

/** A session older than this has expired (WireGuard rekeys every 2 minutes while in use). */
export const HANDSHAKE_FRESH_S = 180;

const SCRIPT = `set -u
T=$1; shift
end=$(( $(date +%s) + T ))
for a in "$@"; do
  ( while :; do
      if ping -c 1 -W 1 -I wg0 "$a" >/dev/null 2>&1; then printf 'ping\\t%s\\tok\\n' "$a"; exit 0; fi
      if [ "$(date +%s)" -ge "$end" ]; then printf 'ping\\t%s\\tfail\\n' "$a"; exit 0; fi
      sleep 0.2
    done ) &
done
wait
printf 'now\\t%s\\n' "$(date +%s)"
wg show wg0 dump 2>/dev/null | awk -F'\\t' 'NR>1 {print "peer\\t" $1 "\\t" $3 "\\t" $4 "\\t" $5 "\\t" $6 "\\t" $7 "\\t" $8}'
exit 0`;

export function verifyCommand(addresses: string[], timeoutS: number): RemoteCommand {
  return { step: 'verify wg0 peers', argv: sh(SCRIPT, String(timeoutS), ...addresses), timeoutMs: (timeoutS + 15) * 1000 };
}

export interface PeerCheck {
  peer: string;
  ping: boolean;
  handshakeAgeS: number | undefined;
}

export interface VerifyResult {
  ok: boolean;
  peers: PeerCheck[];
  /** Problems in words, empty when ok. */
  problems: string[];
}

/**
 * `expected` are the peers that must answer (those whose own apply succeeded); every model
 * peer must still be configured, and nothing else.
 */
export function judgeVerify(node: NodeMesh, expected: ReadonlySet<string>, stdout: string): VerifyResult {
  const live = parseProbe(stdout);
  const pings = new Map<string, boolean>();
  for (const line of stdout.split('\n')) {
    const [tag, addr, res] = line.split('\t');
    if (tag === 'ping' && addr) pings.set(addr, res === 'ok');
  }
  const problems: string[] = [];
  const livePeers = new Map(live.peers.map((p) => [p.publicKey, p]));
  const peers: PeerCheck[] = node.peers.map((p) => {
    const l = livePeers.get(p.publicKey);
    const addr = p.allowedIps[0]!.replace(/\/\d+$/, '');
    const hs = l && l.latestHandshake > 0 ? live.now - l.latestHandshake : undefined;
    const check = { peer: p.name, ping: pings.get(addr) === true, handshakeAgeS: hs };
    if (!l) problems.push(`${p.name}: not in wg show (the peer was dropped)`);
    else if (expected.has(p.name)) {
      if (hs === undefined || hs > HANDSHAKE_FRESH_S) problems.push(`${p.name}: no recent handshake`);
      if (!check.ping) problems.push(`${p.name}: no ping reply from ${addr}`);
    }
    return check;
  });
  const known = new Set(node.peers.map((p) => p.publicKey));
  const extra = live.peers.filter((p) => !known.has(p.publicKey));
  if (extra.length) problems.push(`wg show lists ${extra.length} peer(s) that are not in the mesh`);
  return { ok: problems.length === 0, peers, problems };
}

export function pingTargets(node: NodeMesh, expected: ReadonlySet<string>): string[] {
  return node.peers.filter((p) => expected.has(p.name)).map((p) => p.allowedIps[0]!.replace(/\/\d+$/, ''));
}
