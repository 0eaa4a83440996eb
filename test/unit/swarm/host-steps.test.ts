import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('firewall install command, run by a local sh', () => {
  // The real command with the host paths swapped for a temp dir and the rules script for a stub.
  const runInstall = (dir: string, rules: string, mode: 'apply' | 'check') => {
    const argv = firewallCommand(mode === 'check').argv.slice();
    argv.splice(4, 2, join(dir, 'fw'), join(dir, 'unit'));
    return spawnSync(argv[0]!, argv.slice(1), { input: rules, encoding: 'utf8' });
  };

  it('fails when the rules script fails (a host left open is never reported as converged)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmctl-fw-'));
    const r = runInstall(dir, '#!/bin/sh\necho "iptables: no chain" >&2\nexit 1\n', 'apply');
    expect(r.status).not.toBe(0);
    expect(r.stdout).not.toMatch(/changed: rules/);
    expect(runInstall(dir, '#!/bin/sh\nexit 1\n', 'check').status).not.toBe(0);
  });

  it('installs once, then reports nothing; --check exit 3 is "would change"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmctl-fw-'));
    const ok = '#!/bin/sh\necho unchanged\n';
    expect(changeLines(runInstall(dir, ok, 'apply').stdout)).toEqual([join(dir, 'fw'), join(dir, 'unit')]);
    const again = runInstall(dir, ok, 'apply');
    expect(again.status).toBe(0);
    expect(changeLines(again.stdout)).toEqual([]);
    const due = runInstall(dir, '#!/bin/sh\n[ "$1" = --check ] && exit 3\necho unchanged\n', 'check');
    expect(due.status).toBe(0);
    expect(changeLines(due.stdout)).toEqual([join(dir, 'fw'), 'rules for 2377/7946/4789 (INPUT, DOCKER-USER)']);
  });
});
