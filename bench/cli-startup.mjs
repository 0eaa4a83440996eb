// `swarmctl --help` start-up time against bare `node` start-up (the floor). Target: ≤ 300 ms.
import { timeCommand, stats, printTable, ms } from './lib.mjs';

const RUNS = Number(process.env.RUNS ?? 20);
const sample = (args) => stats(Array.from({ length: RUNS }, () => timeCommand('node', args)));
const rows = [
  ['node -e "" (floor)', sample(['-e', ''])],
  ['swarmctl --help', sample(['bin/swarmctl.js', '--help'])],
  ['swarmctl lab up --help', sample(['bin/swarmctl.js', 'lab', 'up', '--help'])],
].map(([name, s]) => [name, s.n, ms(s.median), ms(s.p95), s.median <= 300 ? 'yes' : 'NO']);
printTable('CLI start-up (target ≤ 300 ms)', ['command', 'runs', 'median', 'p95', 'within target'], rows);
