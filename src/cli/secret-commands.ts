// `swarmctl secret ...`: the encrypted secret store (see docs/secrets.md).
import type { CommandSpec } from './command.js';

export const secretCommands: CommandSpec[] = [];
