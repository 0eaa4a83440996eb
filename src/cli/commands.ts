// The command table. Each entry is data; its module is imported only when the command runs.
import type { CommandSpec } from './command.js';
import { labCommands } from './lab-commands.js';
import { secretCommands } from './secret-commands.js';
import { meshCommands } from './mesh-commands.js';
import { swarmCommands } from './swarm-commands.js';

// Each area owns its table file; this one only orders them for help output.
export const commands: CommandSpec[] = [
  {
    name: 'doctor',
    summary: 'preflight every host: SSH, Docker, WireGuard backend, IPVS, VXLAN, ports, clock',
    load: () => import('./doctor.js'),
  },
  ...swarmCommands,
  ...meshCommands,
  ...secretCommands,
  ...labCommands,
];
