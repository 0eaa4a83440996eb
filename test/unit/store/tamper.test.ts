// Every way of damaging the file is refused with its own message, exit 1 semantics
// (StoreIntegrityError), nothing acted upon, and the file byte-identical afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStore, openStore, StoreIntegrityError, type StoreKeySource } from '../../../src/store/index.js';
import { runCli } from '../../helpers/run-cli.js';
import { decodeStore } from '../../../src/store/codec.js';
import { sha256 } from '../../../src/store/crypto.js';
import { keyFileIn, tempDir } from './helpers.js';

const t = tempDir('swarmctl-tamper-');
afterAll(t.cleanup);
const good = join(t.dir, 'good.enc');
const victim = join(t.dir, 'victim.enc');
let key: StoreKeySource;
let original: Buffer;

/** Offsets of the entries: [start of length prefix, end] each. */
function frames(file: Buffer): [number, number][] {
  let pos = 68 + file.readUInt32BE(64);
  const out: [number, number][] = [];
  while (pos < file.length) {
    const len = file.readUInt32BE(pos);
    out.push([pos, pos + 4 + len]);
    pos += 4 + len;
  }
  return out;
}

async function expectRefused(bytes: Buffer, message: RegExp): Promise<string> {
  writeFileSync(victim, bytes);
  const err = await openStore(victim, key).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `accepted a damaged store (expected ${message})`).toBeInstanceOf(StoreIntegrityError);
  expect((err as Error).message).toMatch(message);
  expect(readFileSync(victim).equals(bytes)).toBe(true);
  return (err as Error).message;
}

beforeAll(async () => {
  key = keyFileIn(t.dir);
  await createStore(good, key);
  const s = await openStore(good, key);
  await s.transaction((tx) => {
    tx.set('a/one', 'value-one-aaaa', { kind: 'opaque' });
    tx.set('a/one', 'value-one-bbbb', { kind: 'opaque' });
    tx.set('b/two', 'value-two-cccc', { kind: 'wireguard-psk' });
    tx.set('c/three', 'value-three-dd', { kind: 'swarm-token' });
    tx.journal.set('rotation', { step: 1 });
  });
  original = readFileSync(good);
  expect(frames(original)).toHaveLength(4);
});

describe('tamper matrix', () => {
  it('refuses every single flipped bit, with a message naming the damaged part', async () => {
    // Exhaustive in memory (decodeStore is the same code openStore runs); every 50th flip also
    // goes through the file to check the file is left byte-identical.
    const rawKey = new Uint8Array(readFileSync(key.kind === 'keyFile' ? key.path : ''));
    const messages = new Set<string>();
    let n = 0;
    for (let byte = 0; byte < original.length; byte++) {
      for (let bit = 0; bit < 8; bit++) {
        const bad = Buffer.from(original);
        bad[byte]! ^= 1 << bit;
        const err = await decodeStore(bad, async () => rawKey).then(() => undefined, (e: unknown) => e);
        expect(err, `flip of bit ${bit} in byte ${byte} accepted`).toBeInstanceOf(StoreIntegrityError);
        messages.add((err as Error).message.replace(/\d+/g, 'N').replace(/ \(.*\)/, ''));
        if (n++ % 50 === 0) await expectRefused(bad, /./);
      }
    }
    const all = [...messages].join('\n');
    for (const part of [/not a swarmctl secret store/, /unsupported store format/, /header was modified/, /wrong passphrase or corrupted store/, /entry N authentication failed/, /store truncated/, /trailing data/]) {
      expect(all).toMatch(part);
    }
  }, 60_000);

  it('refuses every truncation', async () => {
    for (let len = 0; len < original.length; len++) {
      await expectRefused(original.subarray(0, len), /truncated|entries were removed|bad magic/);
    }
    await expectRefused(original.subarray(0, 30), /store truncated/);
    await expectRefused(original.subarray(0, original.length - 3), /store truncated inside entry 3/);
  });

  it('refuses appended bytes', async () => {
    await expectRefused(Buffer.concat([original, Buffer.from([0])]), /trailing data: 1 unexpected byte/);
    await expectRefused(Buffer.concat([original, Buffer.alloc(100, 0x41)]), /trailing data/);
  });

  it('refuses two entries swapped, entries reordered, an entry removed or duplicated', async () => {
    const f = frames(original);
    const part = (i: number) => original.subarray(f[i]![0], f[i]![1]);
    const head = original.subarray(0, f[0]![0]);
    await expectRefused(Buffer.concat([head, part(0), part(2), part(1), part(3)]), /entries swapped or reordered: entry 1 \(a\/one v2\) holds the ciphertext of entry 2 \(b\/two v1\)/);
    await expectRefused(Buffer.concat([head, part(1), part(2), part(3), part(0)]), /entries swapped or reordered/);
    await expectRefused(Buffer.concat([head, part(0), part(2), part(3)]), /lists 4 entries but the file holds 3/);
    await expectRefused(Buffer.concat([head, part(0), part(0), part(2), part(3)]), /entry 1 \(a\/one v2\) was replaced by a copy of entry 0 \(a\/one v1\): rolled back or replayed/);
  });

  it('refuses a single entry rolled back to a ciphertext from an older store', async () => {
    // Same name, same version number, same length, older ciphertext: only the index binding catches it.
    const path = join(t.dir, 'rollback.enc');
    copyFileSync(good, path);
    const s = await openStore(path, key);
    const before = readFileSync(path);
    await s.transaction((tx) => {
      tx.rm('b/two');
      tx.set('b/two', 'value-two-eeee', { kind: 'wireguard-psk' });
    });
    const after = readFileSync(path);
    const [fo, fa] = [frames(before)[2]!, frames(after)[2]!];
    const spliced = Buffer.concat([after.subarray(0, fa[0]), before.subarray(fo[0], fo[1]), after.subarray(fa[1])]);
    await expectRefused(spliced, /entry 2 \(b\/two v1\) rolled back or spliced/);
  });

  it('refuses an older index spliced onto newer entries', async () => {
    const path = join(t.dir, 'newer.enc');
    copyFileSync(good, path);
    await (await openStore(path, key)).transaction((tx) => void tx.set('a/one', 'value-one-ffff', { kind: 'opaque' }));
    const newer = readFileSync(path);
    const spliced = Buffer.concat([original.subarray(0, frames(original)[0]![0]), newer.subarray(frames(newer)[0]![0])]);
    await expectRefused(spliced, /trailing data|entries|entry/);
  });

  it('refuses a value crafted as an index and moved into the index slot (index and entries use different keys)', async () => {
    // Whoever can get a value stored chooses its plaintext; hashes of the existing entries and
    // of the header are public. A forged index that swaps the two secrets' values:
    const path = join(t.dir, 'forged.enc');
    await createStore(path, key);
    const s = await openStore(path, key);
    await s.transaction((tx) => {
      tx.set('a/victim', 'value-victim-1', { kind: 'opaque' });
      tx.set('b/other', 'value-other-22', { kind: 'opaque' });
    });
    const two = readFileSync(path);
    const [e0, e1] = frames(two).map(([from, to]) => two.subarray(from + 4, to));
    const v = (entry: number) => [{ version: 1, createdAt: '2026-01-01T00:00:00.000Z', entry }];
    const forged = JSON.stringify({
      format: two.readUInt16BE(8),
      generation: 9,
      header: sha256(two.subarray(0, 64)),
      entries: [sha256(e1!), sha256(e0!)],
      secrets: [
        { name: 'a/victim', kind: 'opaque', usedBy: [], versions: v(0) },
        { name: 'b/other', kind: 'opaque', usedBy: [], versions: v(1) },
      ],
      journal: {},
    });
    await s.transaction((tx) => void tx.set('z/forged', forged, { kind: 'opaque' }));
    const three = readFileSync(path);
    const box = three.subarray(frames(three)[2]![0], frames(three)[2]![1]); // length || z/forged's box
    const u32 = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(n);
      return b;
    };
    const file = Buffer.concat([three.subarray(0, 64), box, u32(e1!.length), e1!, u32(e0!.length), e0!]);
    await expectRefused(file, /^wrong passphrase or corrupted store$/);
  });

  it('acts on nothing: a transaction on a damaged file runs no callback and writes nothing', async () => {
    const path = join(t.dir, 'tx.enc');
    copyFileSync(good, path);
    const s = await openStore(path, key);
    const bad = Buffer.from(original);
    bad[bad.length - 5]! ^= 0x10;
    writeFileSync(path, bad);
    let ran = false;
    await expect(s.transaction(() => void (ran = true))).rejects.toThrow(/entry 3 \(c\/three v1\) authentication failed/);
    expect(ran).toBe(false);
    expect(readFileSync(path).equals(bad)).toBe(true);
  });

  it('the CLI exits 1 with the message and prints no value', async () => {
    const bad = Buffer.from(original);
    bad[bad.length - 5]! ^= 0x10;
    writeFileSync(victim, bad);
    const keyPath = key.kind === 'keyFile' ? key.path : '';
    for (const argv of [['get', 'a/one'], ['ls'], ['set', 'z/z'], ['rm', 'a/one']]) {
      const r = await runCli(['secret', ...argv, '--store', victim, '--key-file', keyPath], { stdin: 'new-value-zz' });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^ERROR: entry 3 \(c\/three v1\) authentication failed\nhint: /);
      expect(r.stdout).toBe('');
      expect(readFileSync(victim).equals(bad)).toBe(true);
    }
  });
});
