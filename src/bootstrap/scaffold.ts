// init's answers (from flags, or prompts on a terminal) and the cluster.yaml they make. The text is
// checked by the same loader every command uses, so init can never write a file the others reject.
import { stringify } from 'yaml';
import { UserError } from '../errors.js';
import { parseInventory } from '../config/load.js';
import { NAME_RE } from '../config/schema.js';
import type { Context } from '../cli/command.js';

export interface NodeAnswer {
  name: string;
  address: string;
  role: 'manager' | 'worker';
}

export interface InitAnswers {
  cluster: string;
  nodes: NodeAnswer[];
  meshCidr?: string;
  user?: string;
  keyFile?: string;
  autolock?: boolean;
}

/** `name=node1,address=203.0.113.10,role=manager` (role defaults to manager for the first three). */
export function parseNodeFlag(text: string, index: number): NodeAnswer {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const [k, ...v] = part.split('=');
    if (!k || v.length === 0) throw new UserError(`--node '${text}': expected key=value pairs`, '--node name=node1,address=203.0.113.10,role=manager');
    fields.set(k.trim(), v.join('=').trim());
  }
  const unknown = [...fields.keys()].filter((k) => !['name', 'address', 'role'].includes(k));
  if (unknown.length) throw new UserError(`--node '${text}': unknown field ${unknown.join(', ')}`, 'fields: name, address, role');
  const role = fields.get('role') ?? (index < 3 ? 'manager' : 'worker');
  if (role !== 'manager' && role !== 'worker') throw new UserError(`--node '${text}': role must be manager or worker`);
  const name = fields.get('name');
  const address = fields.get('address');
  if (!name || !address) throw new UserError(`--node '${text}': name and address are required`);
  return { name, address, role };
}

export function renderClusterYaml(a: InitAnswers, path = 'cluster.yaml'): string {
  const doc = {
    cluster: a.cluster,
    store: { path: 'secrets/store.enc', ...(a.keyFile ? { keyFile: a.keyFile } : {}) },
    mesh: { cidr: a.meshCidr ?? '10.99.0.0/24' },
    ...(a.autolock ? { swarm: { autolock: true } } : {}),
    nodes: a.nodes.map((n) => ({ name: n.name, address: n.address, role: n.role, ...(a.user && a.user !== 'root' ? { ssh: { user: a.user } } : {}) })),
  };
  const text = `# Written by \`swarmctl init\`. Later steps record fields here (e.g. meshAddress): commit it.\n${stringify(doc)}`;
  parseInventory(text, path); // throws ConfigError with key paths if an answer was invalid
  return text;
}

// Prompts go to stderr, so stdout carries only the public key line.
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
