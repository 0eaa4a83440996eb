// `swarmctl lab up [--nodes N] [--dir DIR]`
import { relative } from 'node:path';
import type { Context, ParsedArgs } from './command.js';
import { UserError } from '../errors.js';
import { parseNodeCount } from '../lab/naming.js';
import { labDirOf, readState } from '../lab/state.js';
import { labUp } from '../lab/up.js';

export async function run(ctx: Context, args: ParsedArgs): Promise<number> {
  const dir = labDirOf(ctx.cwd, args.values.dir);
  // Without --nodes, an existing lab keeps its size; a new one gets 3.
  const count = parseNodeCount(args.values.nodes as string | undefined, readState(dir)?.nodes.length || 3);
  if (typeof count === 'string') throw new UserError(count, 'swarmctl lab up --nodes 3');
  const started = Date.now();
  const { state, changed, versions } = await labUp(ctx, dir, count);
  const seconds = (Date.now() - started) / 1000;
  if (ctx.json) {
    ctx.out(JSON.stringify({ dir, id: state.id, network: state.network, subnet: state.subnet, nodes: state.nodes.map((n) => ({ ...n, dockerd: versions[n.name] })), changed, seconds }, null, 2));
    return 0;
  }
  const shown = relative(ctx.cwd, dir) || '.';
  ctx.out(`lab ${state.id}: ${state.nodes.length} node(s) on ${state.subnet} ${changed.length ? `(${changed.join(', ')})` : '(already up, nothing changed)'} in ${seconds.toFixed(1)} s`);
  ctx.out(`next: swarmctl doctor -c ${shown}/cluster.yaml   |   swarmctl lab ssh node1${shown === 'lab' ? '' : ` --dir ${shown}`}`);
  return 0;
}
