// Local lab files: the lab's SSH key, the secret store key, known_hosts and cluster.yaml.
import { execa } from 'execa';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { OperationError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { LAB_FILES, renderLabCluster } from './cluster-yaml.js';
import type { LabNode } from './naming.js';

/** Creates DIR if needed; true when this call created it. */
export function ensureDir(dir: string): boolean {
  if (existsSync(dir)) return false;
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  return true;
}

/** The lab's ed25519 key pair (kept across `lab up` runs; removed by `lab down`). */
export async function ensureSshKey(dir: string): Promise<string> {
  const key = join(dir, LAB_FILES.identity);
  if (!existsSync(key) || !existsSync(`${key}.pub`)) {
    // Half a key pair (an interrupted run) is useless: start over rather than prompt.
    for (const f of [key, `${key}.pub`]) rmSync(f, { force: true });
    const r = await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'swarmctl-lab', '-f', key], { reject: false });
    if (r.exitCode !== 0) throw new OperationError(`ssh-keygen failed: ${String(r.stderr).trim()}`, 'apt-get install -y openssh-client');
  }
  return readFileSync(`${key}.pub`, 'utf8').trim();
}

/** Raw 32-byte key for the secret store; never replaced once written (it would orphan the store). */
export function ensureStoreKey(dir: string): void {
  const path = join(dir, LAB_FILES.storeKey);
  if (!existsSync(path)) writeFileAtomic(path, randomBytes(32), 0o600);
}

export function writeKnownHosts(dir: string, lines: string[]): void {
  writeFileAtomic(join(dir, LAB_FILES.knownHosts), `${lines.join('\n')}\n`, 0o644);
}

/** Writes cluster.yaml only when its content changes, keeping fields recorded by later steps. */
export function writeClusterYaml(dir: string, nodes: LabNode[]): boolean {
  const path = join(dir, LAB_FILES.cluster);
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  const next = renderLabCluster(existing, nodes);
  if (next === existing) return false;
  writeFileAtomic(path, next, 0o644);
  return true;
}
