// `swarmctl lab status [--dir DIR]`: exit 1 when a node is not answering, so scripts can wait on it.
import type { Context, ParsedArgs } from './command.js';
import { requireEngine } from '../lab/docker.js';
import { labDirOf, requireState } from '../lab/state.js';
import { labStatus, statusRows } from '../lab/status.js';
import { renderTable } from '../ui/table.js';

export async function run(ctx: Context, args: ParsedArgs): Promise<number> {
  const state = requireState(labDirOf(ctx.cwd, args.values.dir));
  await requireEngine();
  const nodes = await labStatus(state);
  const healthy = nodes.every((n) => n.state === 'running' && n.sshd && n.dockerd);
  if (ctx.json) {
    ctx.out(JSON.stringify({ dir: state.dir, id: state.id, network: state.network, subnet: state.subnet, healthy, nodes }, null, 2));
    return healthy ? 0 : 1;
  }
  ctx.out(`lab ${state.id} (${state.network}, ${state.subnet}) in ${state.dir}`);
  ctx.out(renderTable(['NODE', 'ADDRESS', 'CONTAINER', 'SSHD', 'DOCKERD'], statusRows(nodes), { tty: ctx.stdoutIsTTY }));
  return healthy ? 0 : 1;
}
