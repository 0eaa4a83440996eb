// `swarmctl lab down [--dir DIR]`
import type { Context, ParsedArgs } from './command.js';
import { labDown } from '../lab/down.js';
import { labDirOf } from '../lab/state.js';

export async function run(ctx: Context, args: ParsedArgs): Promise<number> {
  const dir = labDirOf(ctx.cwd, args.values.dir);
  const r = await labDown(dir, ctx.cwd);
  if (ctx.json) {
    ctx.out(JSON.stringify({ dir, ...r }, null, 2));
    return 0;
  }
  const nothing = !r.containers.length && !r.network && !r.processes.length;
  ctx.out(
    nothing
      ? `lab down: nothing running for ${dir}`
      : `lab down: removed ${r.containers.length} container(s)${r.network ? ', the network' : ''}${r.processes.length ? `, ${r.processes.length} ssh process(es)` : ''}`,
  );
  if (r.hadFiles) ctx.out(r.removedDir ? `removed ${dir}` : `removed the lab's files in ${dir}`);
  return 0;
}
