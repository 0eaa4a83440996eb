// `swarmctl secret rm NAME`: drops every version. A secret that something still uses needs
// --force, because removing it breaks the next deploy or rotation of its users.
import type { Context, ParsedArgs } from './command.js';
import { UserError } from '../errors.js';
import { assertValidName } from '../store/index.js';
import { flag, openFromArgs } from './secret-common.js';

export async function run(ctx: Context, args: ParsedArgs): Promise<number> {
  const name = args.positionals[0]!;
  assertValidName(name);
  const store = await openFromArgs(ctx, args);
  const removed = await store.transaction((tx) => {
    const meta = tx.meta(name);
    if (!meta) throw new UserError(`no secret named '${name}' in the store`, 'swarmctl secret ls lists the names');
    if (meta.usedBy.length > 0 && !flag(args, 'force')) {
      throw new UserError(`'${name}' is used by ${meta.usedBy.join(', ')}`, 'remove it from those first, or pass --force');
    }
    tx.rm(name);
    return meta.versions.length;
  });
  ctx.err(`${name}: removed (${removed} version${removed === 1 ? '' : 's'})`);
  return 0;
}
