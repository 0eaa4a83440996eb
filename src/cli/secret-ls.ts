// `swarmctl secret ls`: what is in the store, never a value. --json prints SecretMeta[].
import type { Context, ParsedArgs } from './command.js';
import { renderTable } from '../ui/table.js';
import type { SecretMeta } from '../store/index.js';
import { openFromArgs } from './secret-common.js';

export async function run(ctx: Context, args: ParsedArgs): Promise<number> {
  const store = await openFromArgs(ctx, args);
  const secrets = store.list();
  if (ctx.json) {
    ctx.out(JSON.stringify(secrets, null, 2));
    return 0;
  }
  if (secrets.length === 0) {
    ctx.err(`the store at ${store.path} holds no secrets yet (swarmctl secret set NAME)`);
    return 0;
  }
  ctx.out(renderTable(['NAME', 'KIND', 'VERSION', 'UPDATED', 'CREATED', 'USED BY'], secrets.map(row), { tty: ctx.stdoutIsTTY }));
  return 0;
}

export function row(s: SecretMeta): string[] {
  const first = s.versions[0]!;
  const last = s.versions[s.versions.length - 1]!;
  const count = s.versions.length > 1 ? ` (${s.versions.length} kept)` : '';
  return [s.name, s.kind, `v${last.version}${count}`, shortDate(last.createdAt), shortDate(first.createdAt), s.usedBy.join(', ') || '-'];
}

function shortDate(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, 'Z');
}
