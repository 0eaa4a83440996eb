// cluster.yaml from init's answers (pure). The text is checked by the same loader every command
// uses, so init can never write a file the other commands reject.
import { stringify } from 'yaml';
import { UserError } from '../errors.js';
import { parseInventory } from '../config/load.js';

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
