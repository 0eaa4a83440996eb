// init, bootstrap, status: the swarm itself (see docs/bootstrap.md).
import type { CommandSpec } from './command.js';

export const swarmCommands: CommandSpec[] = [
  {
    name: 'init',
    summary: 'scaffold cluster.yaml, create the secret store and the SSH deploy key',
    usage: '[--name NAME] [--node name=N,address=A,role=manager|worker ...] [--mesh-cidr CIDR] [--user U] [--key-file F | --passphrase-file F] [--autolock]',
    options: {
      name: { type: 'string' },
      node: { type: 'string', multiple: true },
      'mesh-cidr': { type: 'string' },
      'key-file': { type: 'string' },
      'passphrase-file': { type: 'string' },
      autolock: { type: 'boolean' },
      user: { type: 'string' },
    },
    load: () => import('./init.js'),
  },
  {
    name: 'bootstrap',
    summary: 'bare hosts → WireGuard mesh → firewall → swarm over wg0 (idempotent, resumable)',
    usage: '[--dry-run] [--passphrase-file F]',
    options: { 'dry-run': { type: 'boolean' }, 'passphrase-file': { type: 'string' } },
    load: () => import('./bootstrap.js'),
  },
  {
    name: 'status',
    summary: 'mesh handshakes, swarm nodes, managers and quorum',
    load: () => import('./status.js'),
  },
];
