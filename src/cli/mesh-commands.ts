// `swarmctl mesh ...`: the WireGuard mesh (see docs/mesh.md).
import type { CommandSpec, OptionSpec } from './command.js';

const storeOptions: OptionSpec = { 'passphrase-file': { type: 'string' }, 'key-file': { type: 'string' } };

export const meshCommands: CommandSpec[] = [
  {
    name: 'mesh plan',
    summary: 'show what `mesh apply` would change on each host (nothing is written)',
    usage: '[--passphrase-file F | --key-file F]',
    options: storeOptions,
    load: () => import('./mesh-plan.js'),
  },
  {
    name: 'mesh apply',
    summary: 'bring up / update wg0 on every host (keys from the store), then verify every pair',
    usage: '[--no-verify] [--passphrase-file F | --key-file F]',
    options: { ...storeOptions, 'no-verify': { type: 'boolean' } },
    load: () => import('./mesh-apply.js'),
  },
  {
    name: 'mesh status',
    summary: "each pair's latest handshake and transfer",
    usage: '[--passphrase-file F | --key-file F]',
    options: storeOptions,
    load: () => import('./mesh-status.js'),
  },
];
