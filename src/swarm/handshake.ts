// WireGuard handshake ages. A live session re-handshakes at least every 2 minutes while traffic
// (or the persistent keepalive) flows; WireGuard drops a session's keys after 180 s without one.
// So a handshake older than that means the peer is down, unreachable or misconfigured.
export const STALE_AFTER_S = 180;

export interface PeerHandshake {
  peer: string;
  /** Seconds since the last handshake; undefined when there never was one. */
  ageS?: number;
}

/** Parse `wg show wg0 latest-handshakes` (public-key TAB epoch-seconds, 0 = never). */
export function parseLatestHandshakes(text: string, nowS: number, names: Map<string, string>): PeerHandshake[] {
  const out: PeerHandshake[] = [];
  for (const line of text.split('\n')) {
    const [key, epoch] = line.trim().split(/\s+/);
    if (!key || epoch === undefined) continue;
    const t = Number(epoch);
    const peer = names.get(key) ?? `${key.slice(0, 8)}…`;
    out.push(t > 0 ? { peer, ageS: Math.max(0, nowS - t) } : { peer });
  }
  return out;
}

/** Parse `wg show wg0 allowed-ips` into public key → first allowed address (without prefix). */
export function parseAllowedIps(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [key, first] = line.trim().split(/\s+/);
    if (key && first && first !== '(none)') out.set(key, first.replace(/\/\d+$/, ''));
  }
  return out;
}

export function isStale(h: PeerHandshake): boolean {
  return h.ageS === undefined || h.ageS > STALE_AFTER_S;
}

export function formatAge(ageS: number | undefined): string {
  if (ageS === undefined) return 'never';
  if (ageS < 60) return `${Math.round(ageS)}s`;
  if (ageS < 3600) return `${Math.floor(ageS / 60)}m${Math.round(ageS % 60)}s`;
  return `${Math.floor(ageS / 3600)}h`;
}
