// Where the key comes from, in the documented order, and what happens without one.
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { resolveNewStoreKey, resolveStoreKey } from '../../../src/store/index.js';
import { tempDir } from './helpers.js';

const t = tempDir('swarmctl-keysrc-');
afterAll(t.cleanup);
const file = (name: string, content: string, mode = 0o600) => {
  const p = join(t.dir, name);
  writeFileSync(p, content, { mode });
  return p;
};
const ctx = (env: NodeJS.ProcessEnv = {}, tty = false) => {
  const stdin = Object.assign(new PassThrough(), { isTTY: tty });
  const errs: string[] = [];
  return { c: { cwd: t.dir, env, stdin, err: (s: string) => void errs.push(s) }, errs };
};
const reveal = (k: Awaited<ReturnType<typeof resolveStoreKey>>) => (k.kind === 'passphrase' ? k.passphrase.reveal() : k.path);

describe('resolveStoreKey', () => {
  file('flag.txt', 'from-the-flag\n');
  file('env.txt', 'from-the-env\r\n'); // one trailing newline (either kind) is dropped
  const keyFile = file('inv.key', 'k'.repeat(32));

  it('--passphrase-file, then SWARMCTL_PASSPHRASE_FILE, then --key-file, then store.keyFile', async () => {
    const env = { SWARMCTL_PASSPHRASE_FILE: 'env.txt' };
    expect(reveal(await resolveStoreKey(ctx(env).c, { storeKeyFile: keyFile }, { passphraseFile: 'flag.txt' }))).toBe('from-the-flag');
    expect(reveal(await resolveStoreKey(ctx(env).c, { storeKeyFile: keyFile }))).toBe('from-the-env');
    expect(reveal(await resolveStoreKey(ctx().c, { storeKeyFile: keyFile }, { keyFile: 'other.key' }))).toBe(join(t.dir, 'other.key'));
    expect(await resolveStoreKey(ctx().c, { storeKeyFile: keyFile })).toEqual({ kind: 'keyFile', path: keyFile });
  });

  it('prompts only on a terminal; otherwise a usage error naming the options', async () => {
    const asked: string[] = [];
    const prompt = async (m: string) => (asked.push(m), 'typed-passphrase');
    expect(reveal(await resolveStoreKey(ctx({}, true).c, {}, { prompt }))).toBe('typed-passphrase');
    expect(asked).toEqual(['Secret store passphrase:']);
    await expect(resolveStoreKey(ctx().c, {})).rejects.toThrow(/not on a terminal/);
  });

  it('warns about readable passphrase files and refuses empty ones', async () => {
    const loose = file('loose.txt', 'loose-passphrase', 0o644);
    const { c, errs } = ctx();
    await resolveStoreKey(c, {}, { passphraseFile: loose });
    expect(errs.join('')).toMatch(/readable by others \(mode 644\)/);
    await expect(resolveStoreKey(ctx().c, {}, { passphraseFile: file('empty.txt', '\n') })).rejects.toThrow(/is empty/);
    await expect(resolveStoreKey(ctx().c, {}, { passphraseFile: 'missing.txt' })).rejects.toThrow(/cannot read passphrase file/);
  });
});

describe('resolveNewStoreKey', () => {
  it('asks twice and refuses a mismatch or a short passphrase', async () => {
    const answers = (...a: string[]) => async () => a.shift()!;
    expect(reveal(await resolveNewStoreKey(ctx({}, true).c, {}, { prompt: answers('long enough pass', 'long enough pass') }))).toBe('long enough pass');
    await expect(resolveNewStoreKey(ctx({}, true).c, {}, { prompt: answers('long enough pass', 'long enough pasS') })).rejects.toThrow(/do not match/);
    await expect(resolveNewStoreKey(ctx({}, true).c, {}, { prompt: answers('short') })).rejects.toThrow(/at least 8 characters/);
    await expect(resolveNewStoreKey(ctx().c, {}, { passphraseFile: file('short.txt', 'short') })).rejects.toThrow(/at least 8/);
  });
});
