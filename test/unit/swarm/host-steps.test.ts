import { describe, expect, it } from 'vitest';
import { changeLines, hostPrepCommand } from '../../../src/bootstrap/host-steps.js';
import { firewallCommand } from '../../../src/swarm/firewall-install.js';
import { SCRIPT_PATH, UNIT_PATH } from '../../../src/swarm/firewall-script.js';

describe('host step commands', () => {
  it('host prep goes to `sh -s` on stdin; --check accepts exit 3 (changes due)', () => {
    expect(hostPrepCommand('SCRIPT', 'prepare', false)).toMatchObject({ argv: ['sh', '-s', '--', 'prepare'], stdin: 'SCRIPT', okExitCodes: [0] });
    expect(hostPrepCommand('SCRIPT', 'offload', true)).toMatchObject({ argv: ['sh', '-s', '--', 'offload', 'wg0', '--check'], okExitCodes: [0, 3] });
  });

  it('firewall is one command: the rules script on stdin, paths and the unit as arguments', () => {
    const c = firewallCommand(false);
    expect(c.argv.slice(3, 6)).toEqual(['sh', SCRIPT_PATH, UNIT_PATH]);
    expect(c.argv.at(-1)).toBe('apply');
    expect(String(c.stdin)).toMatch(/^#!\/bin\/sh/);
    expect(firewallCommand(true).argv.at(-1)).toBe('check');
  });

  it('reads change lines from either mode and ignores everything else', () => {
    expect(changeLines('changed: a\nunchanged\nwould change: b\nnote: x\nchanged\n')).toEqual(['a', 'b']);
  });
});
