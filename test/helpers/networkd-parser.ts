// Runs the real systemd-networkd parser against a directory of generated files (LAB.md recipe):
// a throwaway network namespace, a private mount namespace where the directory is bind-mounted
// over /etc/systemd/network, debug logging to the console, killed after a few seconds.
// Needs root, `ip netns` and /lib/systemd/systemd-networkd.
import { execa } from 'execa';
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const NETWORKD = '/lib/systemd/systemd-networkd';

export function canRunNetworkd(): boolean {
  return process.getuid?.() === 0 && existsSync(NETWORKD);
}

export interface ParserFile {
  /** Path relative to /etc/systemd/network. */
  path: string;
  content: string;
  mode: number;
  group?: string;
}

// What networkd prints about our files when everything is right, in this environment:
// loading the netdev, trying to create it, and the kernel's refusal (no WireGuard module).
const EXPECTED = [/^wg0: loaded "wireguard"$/, /^wg0: Creating$/, /^wg0: netdev could not be created: Operation not supported$/];

async function runIn(dir: string): Promise<string[]> {
  const ns = `ndcheck-${randomBytes(4).toString('hex')}`;
  await execa('ip', ['netns', 'add', ns]);
  try {
    const script = 'mount --bind "$1" /etc/systemd/network && mkdir -p /run/systemd/netif && SYSTEMD_LOG_TARGET=console SYSTEMD_LOG_LEVEL=debug timeout 3 "$2"';
    const r = await execa('ip', ['netns', 'exec', ns, 'unshare', '-m', 'sh', '-c', script, 'sh', dir, NETWORKD], { reject: false, all: true });
    return String(r.all).split('\n').map((l) => l.trim()).filter(Boolean);
  } finally {
    await execa('ip', ['netns', 'del', ns], { reject: false });
  }
}

let baseline: Promise<Set<string>> | undefined;

/** Lines networkd prints with no files at all: the environment's own noise. */
function baselineLines(): Promise<Set<string>> {
  baseline ??= (async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ndcheck-empty-'));
    try {
      return new Set(await runIn(empty));
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  })();
  return baseline;
}

export interface ParserResult {
  /** Every line about the files that is not an expected one: must be empty for clean files. */
  warnings: string[];
  log: string[];
}

export async function parseWithNetworkd(files: ParserFile[]): Promise<ParserResult> {
  const noise = await baselineLines();
  const dir = mkdtempSync(join(tmpdir(), 'ndcheck-'));
  try {
    for (const f of files) {
      const p = join(dir, f.path);
      mkdirSync(dirname(p), { recursive: true, mode: 0o755 });
      writeFileSync(p, f.content, { mode: f.mode });
      if (f.group) await execa('chgrp', [f.group, p]);
    }
    chownSync(dir, 0, 0);
    await execa('chmod', ['0755', dir]); // as /etc/systemd/network is on a host
    const log = await runIn(dir);
    const warnings = log.filter((l) => !noise.has(l) && !EXPECTED.some((re) => re.test(l)));
    return { warnings, log };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
