// Shared fixtures for store tests: temp dirs, cheap keys. Real scrypt strength is not the point
// here, so passphrase stores use the minimum cost the cap allows.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Secret } from '../../../src/util/redact.js';
import type { ScryptParams, StoreKeySource } from '../../../src/store/index.js';

export const CHEAP_SCRYPT: ScryptParams = { logN: 10, r: 8, p: 1 };

export function tempDir(prefix = 'swarmctl-store-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function keyFileIn(dir: string, name = 'store.key'): StoreKeySource {
  const path = join(dir, name);
  writeFileSync(path, randomBytes(32), { mode: 0o600 });
  return { kind: 'keyFile', path };
}

export function passphrase(p: string): StoreKeySource {
  return { kind: 'passphrase', passphrase: new Secret(p) };
}
