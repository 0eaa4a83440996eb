// Crash safety: a child committing in a loop is SIGKILLed at random moments, 200+ times. After
// every kill the store opens, holds a whole commit (never half of one), has lost no commit the
// child reported, and no temp file is readable by anyone but the owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createStore, openStore, type StoreKeySource } from '../../../src/store/index.js';
import { bundleStore, CHILD_SCRIPT } from './bundle.js';
import { keyFileIn, tempDir } from './helpers.js';

const KILLS = 200;
const t = tempDir('swarmctl-crash-');
afterAll(t.cleanup);
const path = join(t.dir, 'store.enc');
let bundle: string;
let key: StoreKeySource;
const PAD = randomBytes(150 * 1024).toString('base64').slice(0, 200 * 1024); // makes every write ~200 KB

beforeAll(async () => {
  bundle = await bundleStore(t.dir);
  key = keyFileIn(t.dir);
  await createStore(path, key);
  await (await openStore(path, key)).transaction((tx) => {
    tx.set('crash/counter', 'counter-0', { kind: 'opaque' });
    tx.set('crash/mirror', 'mirror-0', { kind: 'opaque' });
    tx.set('crash/pad', PAD, { kind: 'opaque' });
    tx.journal.set('counter', 0);
  });
}, 30_000);

interface Booted {
  go(delayMs: number): Promise<number>;
}

/** Starts a loop child and resolves once it has booted (not yet touching the store). */
function boot(): Promise<Booted> {
  return new Promise((resolveBoot, reject) => {
    const child = spawn(process.execPath, [CHILD_SCRIPT, bundle, path, key.kind === 'keyFile' ? key.path : '', 'loop'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    let delay = 0;
    let finish: (n: number) => void = () => undefined;
    const exited = new Promise<number>((res) => (finish = res));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('booted\n') && !out.includes('ready\n')) resolveBoot({ go });
      if (!timer && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), delay);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child exited ${code}: ${err}`));
      const commits = [...out.matchAll(/committed (\d+)/g)].map((m) => Number(m[1]));
      finish(commits.length ? commits[commits.length - 1]! : -1);
    });
    /** Lets it open the store and commit in a loop; kills it `delayMs` after it is ready. */
    function go(delayMs: number): Promise<number> {
      delay = delayMs;
      child.stdin.write('go\n');
      return exited;
    }
  });
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs at random moments`, async () => {
    let last = 0;
    let tempSeen = 0;
    let lockSeen = 0;
    let next = boot();
    for (let i = 0; i < KILLS; i++) {
      const child = await next;
      const done = child.go(Math.floor(Math.random() * 60));
      const reported = await done;
      if (i + 1 < KILLS) next = boot(); // boots while we check this one
      // Look at what the killed writer left before anything else touches the directory.
      for (const f of readdirSync(t.dir)) {
        if (f.endsWith('.tmp')) {
          tempSeen++;
          expect(statSync(join(t.dir, f)).mode & 0o077, `${f} readable by others`).toBe(0);
        }
        if (f.endsWith('.lock')) lockSeen++;
      }
      const s = await openStore(path, key);
      const n = Number(s.get('crash/counter').reveal().slice('counter-'.length));
      // Whole commits only: the mirror and the journal always agree with the counter.
      expect(s.get('crash/mirror').reveal()).toBe(`mirror-${n}`);
      expect(s.journal.get('counter')).toBe(n);
      // Nothing reported as committed is lost; at most the one in flight is added.
      expect(n).toBeGreaterThanOrEqual(Math.max(last, reported));
      expect(n).toBeLessThanOrEqual(Math.max(last, reported) + 1);
      last = n;
    }
    expect(last).toBeGreaterThan(0);
    // The next commit cleans up whatever a killed writer left (we hold the lock then).
    await (await openStore(path, key)).transaction((tx) => void tx.journal.set('done', true));
    expect(readdirSync(t.dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // No plaintext on disk: neither the values nor the pad appear in any file in the directory.
    for (const f of readdirSync(t.dir).filter((x) => x.endsWith('.enc'))) {
      const bytes = readFileSync(join(t.dir, f));
      for (const needle of [PAD.slice(0, 64), `counter-${last}`, `mirror-${last}`]) expect(bytes.includes(needle)).toBe(false);
    }
    console.info(`crash test: ${KILLS} kills, ${last} commits survived, ${tempSeen} stray temp files seen (all 0600), ${lockSeen} stale locks broken`);
  }, 240_000);
});
