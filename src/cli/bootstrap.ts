// swarmctl bootstrap [--dry-run]: bare hosts → mesh → firewall → swarm (see docs/bootstrap.md).
import type { Context, ParsedArgs } from './command.js';
import { loadInventory } from '../config/load.js';
import { UserError } from '../errors.js';
import { HostPool } from '../host/pool.js';
import type { BootstrapReport } from '../bootstrap/run.js';
import { warmUp } from '../bootstrap/preflight.js';
import { addressPoolFor } from '../swarm/address-pool.js';

export async function run(ctx: Context, args: ParsedArgs): Promise<number> {
  const dryRun = args.values['dry-run'] === true;
  const inv = loadInventory(ctx.configPath, ctx.cwd);
  addressPoolFor(inv); // a bad swarm.defaultAddrPool is a config error (exit 2) before any host is contacted
  const pool = new HostPool(inv);
  // SSH handshakes and the Docker socket forwards start now and overlap the module loading and
  // store decryption below: on a converged cluster that is a third of the run.
  warmUp(pool);
  try {
    const { openStore, resolveStoreKey, storeExists } = await import('../store/index.js');
    if (!storeExists(inv.storePath)) throw new UserError(`no secret store at ${inv.storePath}`, 'create one with `swarmctl init`');
    const passphraseFile = args.values['passphrase-file'];
    const store = await openStore(inv.storePath, await resolveStoreKey(ctx, inv, typeof passphraseFile === 'string' ? { passphraseFile } : {}));
    const { runBootstrap } = await import('../bootstrap/run.js');
    const report = await runBootstrap(ctx, inv, pool, store, dryRun);
    if (ctx.json) ctx.out(JSON.stringify(report, null, 2));
    else ctx.out(summary(report, ctx.verbose));
    return 0;
  } finally {
    await pool.closeAll();
  }
}

export function summary(r: BootstrapReport, verbose = false): string {
  const lines: string[] = [];
  const all = r.phases.flatMap((p) => p.changes.map((c) => `  ${p.phase}: ${c}`));
  const took = `${r.seconds.toFixed(1)} s`;
  if (r.dryRun) lines.push(all.length ? `plan (dry run, nothing was changed): ${all.length} change(s)` : `plan (dry run): nothing to change, the cluster is converged`, ...all);
  else lines.push(all.length ? `bootstrap: ${all.length} change(s) in ${took}` : `bootstrap: nothing to change, the cluster is already converged (${took})`, ...all);
  // The same warning from every host (e.g. no IPVS in the lab) is said once.
  const byText = new Map<string, string[]>();
  for (const w of r.warnings) {
    const m = /^([a-z0-9-]+): (.*)$/.exec(w);
    const [who, text] = m ? [m[1]!, m[2]!] : ['', w];
    byText.set(text, [...(byText.get(text) ?? []), who].filter(Boolean));
  }
  for (const [text, who] of byText) lines.push(`warning: ${who.length ? `${who.join(', ')}: ` : ''}${text}`);
  if (verbose) lines.push(`timings: ${r.phases.map((p) => `${p.phase} ${(p.ms / 1000).toFixed(2)} s`).join(', ')}`);
  if (!r.dryRun) lines.push('next: swarmctl status');
  return lines.join('\n');
}
