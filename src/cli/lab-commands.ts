// `swarmctl lab ...`: local lab hosts (see docs/lab.md).
import type { CommandSpec } from './command.js';

export const labCommands: CommandSpec[] = [
  {
    name: 'lab up',
    summary: 'start N local lab hosts (sshd + dockerd) and write lab/cluster.yaml',
    usage: '[--nodes N] [--dir DIR]',
    options: { nodes: { type: 'string' }, dir: { type: 'string' } },
    load: () => import('./lab-up.js'),
  },
  {
    name: 'lab down',
    summary: 'remove every lab container, network and file state',
    usage: '[--dir DIR]',
    options: { dir: { type: 'string' } },
    load: () => import('./lab-down.js'),
  },
  {
    name: 'lab status',
    summary: 'show the lab hosts and whether they answer',
    usage: '[--dir DIR]',
    options: { dir: { type: 'string' } },
    load: () => import('./lab-status.js'),
  },
  {
    name: 'lab ssh',
    summary: 'open a shell (or run a command) on a lab host',
    usage: 'NODE [-- COMMAND...]',
    options: { dir: { type: 'string' } },
    positionals: [1, Infinity],
    load: () => import('./lab-ssh.js'),
  },
];
