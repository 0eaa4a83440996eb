// Two processes each commit 100 different secrets at the same time, one transaction per
// secret: the lock plus re-read-inside-the-lock means all 200 arrive, none overwritten.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createStore, openStore, type StoreKeySource } from '../../../src/store/index.js';
import { bundleStore, CHILD_SCRIPT } from './bundle.js';
import { keyFileIn, tempDir } from './helpers.js';

const t = tempDir('swarmctl-concurrency-');
afterAll(t.cleanup);
const path = join(t.dir, 'store.enc');
let bundle: string;
let key: StoreKeySource;

beforeAll(async () => {
  bundle = await bundleStore(t.dir);
  key = keyFileIn(t.dir);
  await createStore(path, key);
}, 30_000);

function writer(prefix: string, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD_SCRIPT, bundle, path, key.kind === 'keyFile' ? key.path : '', 'many', prefix, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${prefix} exited ${code}: ${err}`))));
  });
}

describe('concurrent writers', () => {
  it('two processes × 100 secrets → all 200 present', async () => {
    await Promise.all([writer('alpha', 100), writer('beta', 100)]);
    const s = await openStore(path, key);
    const names = s.list().map((m) => m.name);
    expect(names).toHaveLength(200);
    for (const p of ['alpha', 'beta']) for (let i = 0; i < 100; i++) expect(names).toContain(`${p}/s${i}`);
    expect(s.get('beta/s99').reveal()).toBe(`value-beta-99-${'z'.repeat(20)}`);
    expect(s.generation).toBe(200);
    // The writers really overlapped in time (otherwise this would prove nothing).
    const span = (p: string) => s.list().filter((m) => m.name.startsWith(p)).map((m) => m.versions[0]!.createdAt).sort();
    const [a, b] = [span('alpha/'), span('beta/')];
    expect(a[0]! < b[b.length - 1]! && b[0]! < a[a.length - 1]!).toBe(true);
    // Lock, waiter marker and temp files are all gone once both are done.
    expect(readdirSync(t.dir).filter((f) => /\.(lock|waiting|tmp)$/.test(f))).toEqual([]);
  }, 120_000);
});
