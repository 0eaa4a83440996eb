// `swarmctl secret get NAME`: the raw value on stdout, exactly as stored (no newline added),
// so it can be piped. A terminal gets it only with --reveal: shoulder surfing, scrollback.
import type { Context, ParsedArgs } from './command.js';
import { UserError } from '../errors.js';
import { assertValidName } from '../store/index.js';
import { flag, openFromArgs, positiveInt, str } from './secret-common.js';

export async function run(ctx: Context, args: ParsedArgs): Promise<number> {
  const name = args.positionals[0]!;
  assertValidName(name);
  const version = positiveInt(str(args, 'version'), '--version');
  if (ctx.stdoutIsTTY && !flag(args, 'reveal')) {
    throw new UserError('refusing to print a secret to a terminal', `pipe it (swarmctl secret get ${name} | …) or pass --reveal`);
  }
  const store = await openFromArgs(ctx, args);
  const value = store.get(name, version).revealBuffer();
  await new Promise<void>((res, rej) => ctx.stdout.write(value, (e) => (e ? rej(e) : res())));
  return 0;
}
