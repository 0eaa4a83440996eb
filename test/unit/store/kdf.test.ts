// Key derivation: the cap is enforced before scrypt runs, the wrong passphrase has one message,
// and key files are accepted in the three documented encodings.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createStore, openStore, StoreIntegrityError, DEFAULT_SCRYPT } from '../../../src/store/index.js';
import { readKeyFile, scryptProblem } from '../../../src/store/kdf.js';
import { UserError } from '../../../src/errors.js';
import { CHEAP_SCRYPT, keyFileIn, passphrase, tempDir } from './helpers.js';

const t = tempDir('swarmctl-kdf-');
afterAll(t.cleanup);

describe('scrypt parameter cap', () => {
  it('accepts the default and the cheap test setting, refuses out-of-range values', () => {
    expect(scryptProblem(DEFAULT_SCRYPT)).toBeUndefined();
    expect(scryptProblem(CHEAP_SCRYPT)).toBeUndefined();
    expect(scryptProblem({ logN: 21, r: 8, p: 1 })).toMatch(/log2\(N\)=21/);
    expect(scryptProblem({ logN: 9, r: 8, p: 1 })).toMatch(/log2\(N\)=9/);
    expect(scryptProblem({ logN: 20, r: 16, p: 1 })).toMatch(/needs 2048 MiB/);
    expect(scryptProblem({ logN: 14, r: 0, p: 1 })).toMatch(/r=0/);
    expect(scryptProblem({ logN: 14, r: 8, p: 5 })).toMatch(/p=5/);
  });

  it('refuses a header asking for too much before running the KDF', async () => {
    const path = join(t.dir, 'cap.enc');
    const key = passphrase('cap-test-phrase-91');
    await createStore(path, key, { scrypt: CHEAP_SCRYPT });
    const good = readFileSync(path);
    for (const patch of [(b: Buffer) => b.writeUInt8(40, 11), (b: Buffer) => b.writeUInt32BE(0x7fffffff, 12), (b: Buffer) => b.writeUInt32BE(1 << 20, 16)]) {
      const bad = Buffer.from(good);
      patch(bad);
      writeFileSync(path, bad);
      // The refusal comes from the parameter check that precedes the KDF (its message says so);
      // a KDF that big would take seconds and gigabytes.
      const err = await openStore(path, key).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreIntegrityError);
      expect((err as Error).message).toMatch(/scrypt parameters beyond the cap.*refusing to run the KDF/);
      expect(readFileSync(path).equals(bad)).toBe(true);
    }
  });
});

describe('passphrase stores', () => {
  const path = join(t.dir, 'pp.enc');
  const key = passphrase('the right passphrase');

  it('the wrong passphrase gives the one documented message and leaves the file alone', async () => {
    await createStore(path, key, { scrypt: CHEAP_SCRYPT });
    await (await openStore(path, key)).transaction((tx) => void tx.set('a/b', 'value-a-b', { kind: 'opaque' }));
    const before = readFileSync(path);
    await expect(openStore(path, passphrase('the wrong passphrase'))).rejects.toThrow(/^wrong passphrase or corrupted store$/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('flipped header bits are refused (salt and parameters are bound through the key)', async () => {
    const before = readFileSync(path);
    const victim = join(t.dir, 'pp-victim.enc');
    // Every bit outside the salt; one random bit per salt byte (each flip costs a KDF run).
    const isSalt = (byte: number) => byte >= 20 && byte < 52;
    const flips = Array.from({ length: 64 * 8 }, (_, i) => i).filter((i) => !isSalt(i >> 3) || (i & 7) === (i >> 3) % 8);
    for (const i of flips) {
      const bad = Buffer.from(before);
      bad[i >> 3]! ^= 1 << (i & 7);
      writeFileSync(victim, bad);
      const err = await openStore(victim, key).catch((e: unknown) => e);
      expect(err, `bit ${i}`).toBeInstanceOf(StoreIntegrityError);
      expect(readFileSync(victim).equals(bad)).toBe(true);
    }
  }, 30_000);

  it('a key file does not open a passphrase store, and vice versa (usage error)', async () => {
    await expect(openStore(path, keyFileIn(t.dir))).rejects.toThrow(UserError);
    const kpath = join(t.dir, 'kf.enc');
    await createStore(kpath, keyFileIn(t.dir, 'other.key'));
    await expect(openStore(kpath, key)).rejects.toThrow(/encrypted with a key file, not a passphrase/);
  });

  it('createStore refuses to overwrite', async () => {
    await expect(createStore(path, key, { scrypt: CHEAP_SCRYPT })).rejects.toThrow(/already exists/);
  });
});

describe('key files', () => {
  it('accepts raw, hex and base64; refuses anything else', async () => {
    const raw = randomBytes(32);
    for (const [name, content] of [['raw', raw], ['hex', `${raw.toString('hex')}\n`], ['b64', raw.toString('base64')]] as const) {
      const p = join(t.dir, `k-${name}`);
      writeFileSync(p, content);
      expect(Buffer.from(await readKeyFile(p)).equals(raw)).toBe(true);
    }
    const bad = join(t.dir, 'k-bad');
    writeFileSync(bad, 'too short');
    await expect(readKeyFile(bad)).rejects.toThrow(/must hold 32 bytes/);
    await expect(readKeyFile(join(t.dir, 'missing'))).rejects.toThrow(/cannot read store key file/);
  });
});
