import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { findCommand, splitGlobals } from '../../../src/cli/main.js';

describe('command line frame', () => {
  it('lists every command in --help and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const name of ['doctor', 'lab up', 'lab down']) expect(r.stdout).toContain(name);
  });

  it('an unknown command is one line plus a hint, exit 2', async () => {
    const r = await runCli(['doctr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("ERROR: unknown command 'doctr'\nhint: did you mean 'swarmctl doctor'? (swarmctl --help lists all)\n");
  });

  it('an unknown flag names the command and the flag, exit 2, no stack', async () => {
    const r = await runCli(['doctor', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ERROR: doctor: Unknown option '--bogus'\nhint: swarmctl doctor --help\n$/);
  });

  it('extra positionals are usage errors', async () => {
    const r = await runCli(['doctor', 'extra']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unexpected argument 'extra'");
  });

  it('a missing inventory is a config error with a hint, exit 2', async () => {
    const r = await runCli(['doctor', '-c', '/nonexistent/cluster.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ERROR: no inventory at');
    expect(r.stderr).toContain('ERROR: no inventory at /nonexistent/cluster.yaml\n');
    expect(r.stderr).toContain('hint:');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('global flags are accepted anywhere on the line', () => {
    const g = splitGlobals(['lab', '--json', 'up', '-c', 'x.yaml', '--nodes', '3', '--verbose']);
    expect(g).toMatchObject({ config: 'x.yaml', json: true, verbose: true, rest: ['lab', 'up', '--nodes', '3'] });
  });

  it('-c without a value is a usage error', async () => {
    const r = await runCli(['doctor', '-c']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('-c needs a file path');
  });

  it('a command group without its subcommand lists the subcommands, exit 2', async () => {
    const r = await runCli(['mesh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("ERROR: 'mesh' needs a subcommand: plan, apply, status\nhint: swarmctl mesh --help\n");
  });

  it('an empty config path is a usage error, not a read of the current directory', async () => {
    for (const argv of [['doctor', '--config='], ['doctor', '-c', '']]) {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^ERROR: (-c|--config) needs a file path\n/);
    }
  });

  it('finds the longest matching command name', () => {
    expect(findCommand(['lab', 'up', '--nodes', '3'])?.spec.name).toBe('lab up');
    expect(findCommand(['lab', 'ssh', 'node1', '--', 'id'])?.rest).toEqual(['node1', '--', 'id']);
    expect(findCommand(['nope'])).toBeUndefined();
  });
});
