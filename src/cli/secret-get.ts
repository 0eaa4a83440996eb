// `swarmctl secret get NAME`: the raw value on stdout, exactly as stored (no newline added),
// so it can be piped. A terminal gets it only with --reveal: shoulder surfing, scrollback.
import type { Context, ParsedArgs } from './command.js';
import { OperationError, UserError } from '../errors.js';
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
  try {
    await new Promise<void>((res, rej) => {
      // A closed pipe (`| head -c1`, a consumer that died) is also emitted as an 'error' event;
      // unhandled, it would end the process with a stack trace.
      ctx.stdout.on?.('error', rej);
      ctx.stdout.write(value, (e) => (e ? rej(e) : res()));
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new OperationError(`cannot write the value to stdout: ${code}`, code === 'EPIPE' ? 'the reading end of the pipe closed before the whole value was written' : undefined);
  }
  return 0;
}
