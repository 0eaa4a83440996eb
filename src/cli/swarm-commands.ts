// init, bootstrap, status: the swarm itself (see docs/bootstrap.md).
import type { CommandSpec } from './command.js';

export const swarmCommands: CommandSpec[] = [];
