// `swarmctl secret passwd`: re-encrypt every entry under a new passphrase (fresh salt) or a new
// key file. The old key opens nothing in the new file; the old file stays in git history, so
// a leaked passphrase also needs its history rewritten or its secrets rotated (docs/secrets.md).
import { existsSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { Context, ParsedArgs } from './command.js';
import { UserError } from '../errors.js';
import { openStore, resolveNewStoreKey, type StoreKeySource } from '../store/index.js';
import { storeKey, storeLocation, str } from './secret-common.js';

export async function run(ctx: Context, args: ParsedArgs): Promise<number> {
  const loc = storeLocation(ctx, args);
  const oldKey = await storeKey(ctx, args, loc);
  const store = await openStore(loc.path, oldKey);
  const newKey = await nextKey(ctx, args);
  await store.changeKey(newKey);
  const what = newKey.kind === 'keyFile' ? `the key file ${newKey.path}` : 'the new passphrase';
  ctx.err(`re-encrypted ${store.list().length} secret(s) in ${store.path} under ${what}`);
  if (newKey.kind === 'keyFile') ctx.err('set store.keyFile in cluster.yaml (or pass --key-file) from now on');
  else if (oldKey.kind === 'keyFile' && loc.storeKeyFile) ctx.err('remove store.keyFile from cluster.yaml: the store now takes a passphrase');
  return 0;
}

function nextKey(ctx: Context, args: ParsedArgs): Promise<StoreKeySource> {
  const passFile = str(args, 'new-passphrase-file');
  const keyFile = str(args, 'new-key-file');
  if (passFile && keyFile) throw new UserError('--new-passphrase-file and --new-key-file exclude each other');
  if (keyFile) {
    const path = resolve(ctx.cwd, keyFile);
    if (!existsSync(path)) {
      // 'wx': never clobber a key file that appeared meanwhile.
      writeFileSync(path, randomBytes(32), { mode: 0o600, flag: 'wx' });
      ctx.err(`generated a new store key file ${path} (keep it out of the repository)`);
    }
    return Promise.resolve({ kind: 'keyFile', path });
  }
  // Only the explicit new-passphrase file counts here: SWARMCTL_PASSPHRASE_FILE names the old one.
  return resolveNewStoreKey({ ...ctx, env: {} }, {}, passFile ? { passphraseFile: passFile } : {});
}
