// Small helpers shared by the benchmarks: timing and a printed table. Benchmarks report; they
// never fail on a number (timed assertions do not belong in tests).
import { spawnSync } from 'node:child_process';

export function timeCommand(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: opts.stdio ?? 'ignore', encoding: 'utf8', ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && !opts.allowFailure) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr ?? ''}`);
  return ms;
}

export function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95), min: s[0], max: s[s.length - 1] };
}

export function printTable(title, head, rows) {
  const cells = [head, ...rows].map((r) => r.map(String));
  const w = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  console.log(`\n${title}`);
  cells.forEach((r, i) => {
    console.log(r.map((c, j) => c.padEnd(w[j])).join('  '));
    if (i === 0) console.log(w.map((n) => '-'.repeat(n)).join('  '));
  });
}

export const ms = (x) => `${x.toFixed(0)} ms`;
