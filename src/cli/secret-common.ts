// What every `secret` command shares: where the store is and how its key is obtained.
import { resolve } from 'node:path';
import type { Context, ParsedArgs } from './command.js';
import { UserError } from '../errors.js';
import { loadInventory } from '../config/load.js';
import { assertStoreExists, openStore, resolveNewStoreKey, resolveStoreKey, type Store, type StoreKeySource } from '../store/index.js';

export interface StoreLocation {
  path: string;
  /** From the inventory when there is one; --store works without cluster.yaml. */
  storeKeyFile?: string;
}

export function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

export function storeLocation(ctx: Context, args: ParsedArgs): StoreLocation {
  const explicit = str(args, 'store');
  if (explicit) return { path: resolve(ctx.cwd, explicit) };
  const inv = loadInventory(ctx.configPath, ctx.cwd);
  return { path: inv.storePath, ...(inv.storeKeyFile ? { storeKeyFile: inv.storeKeyFile } : {}) };
}

function keyOptions(args: ParsedArgs): { passphraseFile?: string; keyFile?: string } {
  const passphraseFile = str(args, 'passphrase-file');
  const keyFile = str(args, 'key-file');
  if (passphraseFile && keyFile) throw new UserError('--passphrase-file and --key-file exclude each other');
  return { ...(passphraseFile ? { passphraseFile } : {}), ...(keyFile ? { keyFile } : {}) };
}

export function storeKey(ctx: Context, args: ParsedArgs, loc: StoreLocation): Promise<StoreKeySource> {
  return resolveStoreKey(ctx, loc, keyOptions(args));
}

export function newStoreKey(ctx: Context, args: ParsedArgs, loc: StoreLocation): Promise<StoreKeySource> {
  return resolveNewStoreKey(ctx, loc, keyOptions(args));
}

/** Opens an existing store; a missing one is reported before any passphrase is asked. */
export async function openFromArgs(ctx: Context, args: ParsedArgs): Promise<Store> {
  const loc = storeLocation(ctx, args);
  assertStoreExists(loc.path);
  return openStore(loc.path, await storeKey(ctx, args, loc));
}

export function positiveInt(raw: string | undefined, what: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[0-9]+$/.test(raw) || Number(raw) < 1) throw new UserError(`${what} must be a positive integer`);
  return Number(raw);
}
