// Where the store key comes from, in order: --passphrase-file, SWARMCTL_PASSPHRASE_FILE,
// --key-file, the inventory's store.keyFile, a hidden prompt on a terminal. Never argv, never an
// environment variable holding the passphrase itself (environments leak into child processes).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Context } from '../cli/command.js';
import { UserError } from '../errors.js';
import { Secret } from '../util/redact.js';
import { looseModeWarning } from './kdf.js';
import type { StoreKeySource } from './types.js';

export const MIN_NEW_PASSPHRASE = 8;

export interface KeySourceOptions {
  passphraseFile?: string;
  keyFile?: string;
  /** Injected by tests; defaults to a hidden @inquirer/prompts password prompt on stderr. */
  prompt?: (message: string) => Promise<string>;
}

type KeyCtx = Pick<Context, 'cwd' | 'env' | 'stdin' | 'err'>;

export async function resolveStoreKey(ctx: KeyCtx, inv: { storeKeyFile?: string }, opts: KeySourceOptions = {}): Promise<StoreKeySource> {
  const fromFiles = await keyFromFiles(ctx, inv, opts);
  if (fromFiles) return fromFiles;
  const pass = await ask(ctx, opts, 'Secret store passphrase:');
  if (pass.length === 0) throw new UserError('empty passphrase');
  return { kind: 'passphrase', passphrase: new Secret(pass) };
}

/** Like resolveStoreKey, but a typed passphrase is asked twice: a typo would lock the store. */
export async function resolveNewStoreKey(ctx: KeyCtx, inv: { storeKeyFile?: string }, opts: KeySourceOptions = {}): Promise<StoreKeySource> {
  const fromFiles = await keyFromFiles(ctx, inv, opts);
  if (fromFiles) {
    if (fromFiles.kind === 'passphrase') assertStrongEnough(fromFiles.passphrase);
    return fromFiles;
  }
  const first = await ask(ctx, opts, 'New secret store passphrase:');
  assertStrongEnough(new Secret(first));
  const again = await ask(ctx, opts, 'Repeat the passphrase:');
  if (again !== first) throw new UserError('the passphrases do not match; nothing was changed');
  return { kind: 'passphrase', passphrase: new Secret(first) };
}

async function keyFromFiles(ctx: KeyCtx, inv: { storeKeyFile?: string }, opts: KeySourceOptions): Promise<StoreKeySource | undefined> {
  const passFile = opts.passphraseFile ?? ctx.env.SWARMCTL_PASSPHRASE_FILE;
  if (passFile) return { kind: 'passphrase', passphrase: await readPassphraseFile(ctx, resolve(ctx.cwd, passFile)) };
  const keyFile = opts.keyFile ? resolve(ctx.cwd, opts.keyFile) : inv.storeKeyFile;
  if (keyFile) {
    const warning = await looseModeWarning(keyFile, 'store key file');
    if (warning) ctx.err(warning);
    return { kind: 'keyFile', path: keyFile };
  }
  return undefined;
}

/** One trailing newline is dropped (editors and `echo` add it); everything else is the passphrase. */
export async function readPassphraseFile(ctx: Pick<Context, 'err'>, path: string): Promise<Secret> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read passphrase file ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const pass = text.replace(/\r?\n$/, '');
  if (pass.length === 0) throw new UserError(`passphrase file ${path} is empty`);
  const warning = await looseModeWarning(path, 'passphrase file');
  if (warning) ctx.err(warning);
  return new Secret(pass);
}

function assertStrongEnough(p: Secret): void {
  if (p.reveal().length < MIN_NEW_PASSPHRASE) throw new UserError(`a new passphrase needs at least ${MIN_NEW_PASSPHRASE} characters`);
}

async function ask(ctx: KeyCtx, opts: KeySourceOptions, message: string): Promise<string> {
  if (opts.prompt) return opts.prompt(message);
  if (!ctx.stdin.isTTY) {
    throw new UserError('no store passphrase: not on a terminal, and no passphrase or key file given', 'pass --passphrase-file F, set SWARMCTL_PASSPHRASE_FILE, or set store.keyFile in cluster.yaml');
  }
  const { password } = await import('@inquirer/prompts');
  // Prompt on stderr so stdout stays clean for data (`secret get` output is piped).
  return password({ message, mask: false }, { input: ctx.stdin, output: process.stderr, clearPromptOnDone: true });
}
