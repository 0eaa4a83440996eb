// `swarmctl mesh ...`: the WireGuard mesh (see docs/mesh.md).
import type { CommandSpec } from './command.js';

export const meshCommands: CommandSpec[] = [];
