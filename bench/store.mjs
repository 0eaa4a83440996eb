// Secret store benchmark: open + save of a store holding 10,000 secrets, KDF reported apart.
// Runs against the compiled dist/ (npx tsc -p tsconfig.json), plain node: `node bench/store.mjs`.
// Target: open + save ≤ 1 s excluding the KDF.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { printTable, stats } from './lib.mjs';

const dist = new URL('../dist/', import.meta.url);
const { createStore, openStore, generateSecret, DEFAULT_SCRYPT } = await import(new URL('store/index.js', dist).href);
const { deriveKey } = await import(new URL('store/kdf.js', dist).href);

const N = Number(process.env.BENCH_SECRETS ?? 10_000);
const RUNS = 5;
const dir = mkdtempSync(join(tmpdir(), 'swarmctl-bench-'));
const keyPath = join(dir, 'store.key');
writeFileSync(keyPath, randomBytes(32), { mode: 0o600 });
const key = { kind: 'keyFile', path: keyPath };
const path = join(dir, 'store.enc');

const time = async (fn) => {
  const t = performance.now();
  const result = await fn();
  return { ms: performance.now() - t, result };
};

try {
  const kdf = await time(() => deriveKey(Buffer.from('benchmark passphrase'), randomBytes(32), DEFAULT_SCRYPT));
  await createStore(path, key);
  const populate = await time(async () =>
    (await openStore(path, key)).transaction((tx) => {
      for (let i = 0; i < N; i++) tx.set(`app/service${i % 100}/secret_${i}`, generateSecret(32), { kind: 'opaque' });
    }),
  );
  const opens = [];
  const saves = [];
  const both = [];
  let store;
  for (let r = 0; r < RUNS; r++) {
    const open = await time(() => openStore(path, key));
    store = open.result;
    const save = await time(() => store.transaction((tx) => tx.set('app/rotated', generateSecret(32), { kind: 'opaque' })));
    opens.push(open.ms);
    saves.push(save.ms);
    both.push(open.ms + save.ms);
  }
  const getAll = await time(() => {
    for (const m of store.list()) store.get(m.name).revealBuffer();
  });
  const row = (label, samples) => {
    const st = stats(samples);
    return [label, st.n, st.median.toFixed(1), st.min.toFixed(1), st.max.toFixed(1)];
  };
  printTable(`secret store, ${N} secrets (ms)`, ['operation', 'runs', 'median', 'min', 'max'], [
    row(`KDF scrypt N=2^${DEFAULT_SCRYPT.logN} r=${DEFAULT_SCRYPT.r} p=${DEFAULT_SCRYPT.p} (once per command; excluded)`, [kdf.ms]),
    row(`populate ${N} secrets in one transaction`, [populate.ms]),
    row('open: read + verify every entry', opens),
    row('save: transaction setting 1 secret (lock, re-read, fsync, rename)', saves),
    row('open + save, excluding KDF  [target <= 1000]', both),
    row(`get: decrypt all ${N} values`, [getAll.ms]),
  ]);
  console.log(`store file: ${(statSync(path).size / 1024 / 1024).toFixed(2)} MiB for ${store.list().length} secrets, node ${process.version}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
