// `swarmctl secret passwd`: re-encrypt every entry under a new passphrase (fresh salt) or a new
// key file. The old key opens nothing in the new file; the old file stays in git history, so
// a leaked passphrase also needs its history rewritten or its secrets rotated (docs/secrets.md).
import { closeSync, existsSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import type { Context, ParsedArgs } from './command.js';
import { OperationError, UserError } from '../errors.js';
import { assertStoreExists, openStore, resolveNewStoreKey, type StoreKeySource } from '../store/index.js';
import { storeKey, storeLocation, str } from './secret-common.js';

export async function run(ctx: Context, args: ParsedArgs): Promise<number> {
  // Usage problems with the new key surface before the old passphrase is asked and scrypt runs.
  const next = { passFile: str(args, 'new-passphrase-file'), keyFile: str(args, 'new-key-file') };
  if (next.passFile && next.keyFile) throw new UserError('--new-passphrase-file and --new-key-file exclude each other');
  const loc = storeLocation(ctx, args);
  assertStoreExists(loc.path);
  if (!next.passFile && !next.keyFile && !ctx.stdin.isTTY) {
    // SWARMCTL_PASSPHRASE_FILE names the old passphrase, so it cannot name the new one too.
    throw new UserError('no new passphrase: not on a terminal, and no new key given', 'pass --new-passphrase-file F or --new-key-file F');
  }
  const oldKey = await storeKey(ctx, args, loc);
  const store = await openStore(loc.path, oldKey);
  const newKey = await nextKey(ctx, next);
  await store.changeKey(newKey);
  const what = newKey.kind === 'keyFile' ? `the key file ${newKey.path}` : 'the new passphrase';
  ctx.err(`re-encrypted ${store.list().length} secret(s) in ${store.path} under ${what}`);
  if (newKey.kind === 'keyFile') ctx.err('set store.keyFile in cluster.yaml (or pass --key-file) from now on');
  else if (oldKey.kind === 'keyFile' && loc.storeKeyFile) ctx.err('remove store.keyFile from cluster.yaml: the store now takes a passphrase');
  return 0;
}

function nextKey(ctx: Context, { passFile, keyFile }: { passFile?: string | undefined; keyFile?: string | undefined }): Promise<StoreKeySource> {
  if (keyFile) {
    const path = resolve(ctx.cwd, keyFile);
    if (!existsSync(path)) {
      writeNewKeyFile(path);
      ctx.err(`generated a new store key file ${path} (keep it out of the repository)`);
    }
    return Promise.resolve({ kind: 'keyFile', path });
  }
  // Only the explicit new-passphrase file counts here: SWARMCTL_PASSPHRASE_FILE names the old one.
  return resolveNewStoreKey({ ...ctx, env: {} }, {}, passFile ? { passphraseFile: passFile } : {});
}

/**
 * The store is about to be re-encrypted under this key and is written durably (fsync, rename,
 * directory fsync); the key must be on disk first, or a power cut could keep the new store and
 * lose the only key that opens it. 'wx': never clobber a key file that appeared meanwhile.
 */
function writeNewKeyFile(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    throw new UserError(`cannot create the new key file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, 'nothing was changed; choose another path');
  }
  try {
    try {
      if (writeSync(fd, randomBytes(32)) !== 32) throw new Error('short write');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    rmSync(path, { force: true }); // an empty key file would only confuse the next attempt
    throw new OperationError(`cannot write the new key file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, 'nothing was changed');
  }
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}
