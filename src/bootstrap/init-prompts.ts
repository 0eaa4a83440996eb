// init's questions on a terminal (@inquirer/prompts on stderr, so stdout carries only the key line).
import type { Context } from '../cli/command.js';
import { NAME_RE } from '../config/schema.js';
import type { InitAnswers, NodeAnswer } from './scaffold.js';

export async function askAnswers(ctx: Context): Promise<InitAnswers> {
  const { input, select, confirm } = await import('@inquirer/prompts');
  const io = { input: ctx.stdin, output: process.stderr };
  const nameOk = (s: string) => NAME_RE.test(s) || 'lowercase letters, digits and "-", starting with a letter';
  const cluster = await input({ message: 'Cluster name', default: 'prod', validate: nameOk }, io);
  const nodes: NodeAnswer[] = [];
  do {
    const i = nodes.length;
    const name = await input({ message: `Node ${i + 1} name`, default: `node${i + 1}`, validate: (s) => (nodes.some((n) => n.name === s) ? 'already used' : nameOk(s)) }, io);
    const address = await input({ message: `${name}: SSH address (IP or host name)`, validate: (s) => /^[A-Za-z0-9.:-]{1,253}$/.test(s) || 'an IP address or host name' }, io);
    const role = await select<'manager' | 'worker'>({ message: `${name}: role`, choices: [{ value: 'manager' }, { value: 'worker' }], default: i < 3 ? 'manager' : 'worker' }, io);
    nodes.push({ name, address, role });
  } while (await confirm({ message: 'Add another node?', default: nodes.length < 3 }, io));
  return { cluster, nodes };
}
