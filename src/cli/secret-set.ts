// `swarmctl secret set NAME`: value from stdin (or a hidden prompt on a terminal), --from-file or
// --generate; creates the store on first use. Prints the new version, never the value.
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import type { Context, ParsedArgs } from './command.js';
import { UserError } from '../errors.js';
import { Secret } from '../util/redact.js';
import { createStore, generateSecret, openStore, storeExists, assertValidName, MAX_VALUE_BYTES, type Store } from '../store/index.js';
import { assertKind } from '../store/names.js';
import { isCharset, CHARSETS } from '../store/names.js';
import { flag, newStoreKey, positiveInt, storeKey, storeLocation, str } from './secret-common.js';

export async function run(ctx: Context, args: ParsedArgs): Promise<number> {
  if (args.positionals.length > 1) {
    throw new UserError('secret values are never taken from the command line (shell history, ps)', 'pipe the value on stdin, or use --from-file F or --generate');
  }
  const name = args.positionals[0]!;
  assertValidName(name);
  const kind = assertKind(str(args, 'kind') ?? 'opaque');
  const value = await readValue(ctx, args);

  const loc = storeLocation(ctx, args);
  const isNew = !storeExists(loc.path);
  const key = isNew ? await newStoreKey(ctx, args, loc) : await storeKey(ctx, args, loc);
  let store: Store | undefined;
  if (isNew) {
    try {
      store = await createStore(loc.path, key);
      ctx.err(`created a new secret store at ${loc.path}`);
    } catch (e) {
      // Another run created it first: use theirs (the key must open it, or openStore says so).
      if (!(e instanceof UserError && storeExists(loc.path))) throw e;
    }
  }
  store ??= await openStore(loc.path, key);
  const version = await store.transaction((tx) => tx.set(name, value.revealBuffer(), { kind }));
  if (ctx.json) ctx.out(JSON.stringify({ name, kind, version }));
  else ctx.err(`${name}: version ${version} stored (${kind})`);
  return 0;
}

async function readValue(ctx: Context, args: ParsedArgs): Promise<Secret> {
  const fromFile = str(args, 'from-file');
  const generate = flag(args, 'generate');
  if (fromFile && generate) throw new UserError('--from-file and --generate exclude each other');
  if (!generate && (str(args, 'length') || str(args, 'charset'))) throw new UserError('--length and --charset only go with --generate');
  if (generate) {
    const charset = str(args, 'charset') ?? 'alnum';
    if (!isCharset(charset)) throw new UserError(`unknown --charset '${charset}'`, `one of: ${Object.keys(CHARSETS).join(', ')}`);
    return new Secret(generateSecret(positiveInt(str(args, 'length'), '--length') ?? 32, charset));
  }
  if (fromFile) {
    const path = resolve(ctx.cwd, fromFile);
    let value: Buffer;
    try {
      value = await readBounded(createReadStream(path), `in ${path}`);
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    if (value.length === 0) throw new UserError(`${path} is empty`);
    return new Secret(value);
  }
  if (ctx.stdin.isTTY) return promptValue(ctx);
  const value = await readBounded(ctx.stdin, 'on stdin');
  if (value.length === 0) throw new UserError('no value on stdin', 'pipe the value in (printf %s "$VALUE" | swarmctl secret set NAME), or use --from-file F or --generate');
  return new Secret(value);
}

/**
 * Stops reading one chunk past the limit: a runaway pipe, a huge file or a device like
 * /dev/zero must not fill memory.
 */
async function readBounded(input: NodeJS.ReadableStream, where: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(b);
    size += b.length;
    // Leaving the loop early destroys the stream (the file is closed).
    if (size > MAX_VALUE_BYTES) throw new UserError(`secret value ${where} is larger than ${MAX_VALUE_BYTES} bytes (500 KB, Docker's limit)`);
  }
  return Buffer.concat(chunks);
}

async function promptValue(ctx: Context): Promise<Secret> {
  const { password } = await import('@inquirer/prompts');
  const io = { input: ctx.stdin, output: process.stderr, clearPromptOnDone: true };
  const first = await password({ message: 'Secret value:', mask: false }, io);
  const again = await password({ message: 'Repeat the value:', mask: false }, io);
  if (first !== again) throw new UserError('the values do not match; nothing was stored');
  return new Secret(first);
}
