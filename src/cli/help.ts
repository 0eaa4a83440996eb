// Help text rendered from the command table (no command module is loaded).
import { commands } from './commands.js';
import type { CommandSpec } from './command.js';

const GLOBALS = `Global options:
  -c, --config FILE   cluster inventory (default ./cluster.yaml)
      --json          machine-readable output where the output is data
  -v, --verbose       more detail, stack traces on errors
  -h, --help          help for any command
Exit codes: 0 ok, 1 operation failed, 2 usage or configuration error.
`;

export function helpText(group?: string): string {
  const shown = group ? commands.filter((c) => c.name.startsWith(`${group} `)) : commands;
  const list = shown.length ? shown : commands;
  const width = Math.max(...list.map((c) => c.name.length)) + 2;
  const lines = list.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return `swarmctl: a secure Docker Swarm over a WireGuard mesh, from a handful of Linux hosts\n\nUsage: swarmctl COMMAND [options]\n\nCommands:\n${lines.join('\n')}\n\n${GLOBALS}`;
}

export function commandHelp(spec: CommandSpec): string {
  return `Usage: swarmctl ${spec.name}${spec.usage ? ` ${spec.usage}` : ''}\n\n${spec.summary}\n\n${GLOBALS}`;
}

export function closestCommand(word: string): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const c of commands) {
    for (const candidate of [c.name, c.name.split(' ')[0]!]) {
      const d = distance(word, candidate);
      if (!best || d < best.d) best = { name: candidate, d };
    }
  }
  return best && best.d <= Math.max(2, Math.floor(word.length / 3)) ? best.name : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
