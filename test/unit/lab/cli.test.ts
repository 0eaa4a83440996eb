// lab commands' usage errors: caught before any docker or ssh work, exit 2, one line + hint.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/run-cli.js';

const cwd = mkdtempSync(join(tmpdir(), 'swarmctl-labcli-'));

describe('lab CLI usage errors', () => {
  it.each([['0'], ['10'], ['three']])('rejects --nodes %s', async (n) => {
    const r = await runCli(['lab', 'up', '--nodes', n], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ERROR: --nodes /);
    expect(r.stderr).toContain('hint: swarmctl lab up --nodes 3');
  });

  it.each([['status'], ['ssh', 'node1']])('lab %s without a lab points to lab up', async (...words) => {
    const r = await runCli(['lab', ...words], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`ERROR: no lab in ${join(cwd, 'lab')}`);
    expect(r.stderr).toContain('hint: swarmctl lab up');
  });

  it('lab ssh needs a node name', async () => {
    const r = await runCli(['lab', 'ssh'], { cwd });
    expect(r.code).toBe(2);
  });
});
