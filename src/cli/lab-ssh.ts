// `swarmctl lab ssh NODE [-- COMMAND...]`: ssh with the lab's key and known_hosts; ssh's exit code.
import { execa } from 'execa';
import type { Context, ParsedArgs } from './command.js';
import { UserError } from '../errors.js';
import { sshInteractiveArgs } from '../lab/ssh-args.js';
import { labDirOf, requireState } from '../lab/state.js';

export async function run(ctx: Context, args: ParsedArgs): Promise<number> {
  const dir = labDirOf(ctx.cwd, args.values.dir);
  const state = requireState(dir);
  const [name, ...command] = args.positionals;
  const node = state.nodes.find((n) => n.name === name);
  if (!node) {
    throw new UserError(`no node '${name}' in the lab (nodes: ${state.nodes.map((n) => n.name).join(', ')})`, `swarmctl lab ssh ${state.nodes[0]?.name ?? 'node1'}`);
  }
  const argv = sshInteractiveArgs({ dir, address: node.address }, command, Boolean(process.stdin.isTTY));
  const r = await execa('ssh', argv, { stdio: 'inherit', reject: false });
  return r.exitCode ?? 255;
}
