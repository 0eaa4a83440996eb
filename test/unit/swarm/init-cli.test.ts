import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/run-cli.js';
import { parseNodeFlag, renderClusterYaml } from '../../../src/bootstrap/scaffold.js';

describe('swarmctl init', () => {
  it('scaffolds cluster.yaml, the store (with a new key file) and the deploy key; prints only the public line', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'swarmctl-init-'));
    const r = await runCli(['init', '--name', 'prod', '--node', 'name=node1,address=203.0.113.10', '--node', 'name=node2,address=203.0.113.11,role=worker', '--key-file', 'store.key'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ssh-rsa AAAA\S+ swarmctl-prod\n$/);
    const yaml = readFileSync(join(cwd, 'cluster.yaml'), 'utf8');
    expect(yaml).toContain('keyFile: store.key');
    expect(yaml).toMatch(/name: node2\n\s+address: 203.0.113.11\n\s+role: worker/);
    expect(statSync(join(cwd, 'store.key')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(cwd, 'secrets', 'store.enc'))).toBe(true);
    expect(readFileSync(join(cwd, 'secrets', 'store.enc'), 'latin1')).not.toContain('PRIVATE KEY');

    // Again: nothing overwritten, same public key printed; flags that would rewrite the file refused.
    const again = await runCli(['init'], { cwd });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(r.stdout);
    const refused = await runCli(['init', '--name', 'other', '--node', 'name=a,address=1.2.3.4'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists; init never overwrites it/);
    expect(readFileSync(join(cwd, 'cluster.yaml'), 'utf8')).toBe(yaml);
  });

  it('without a terminal and without flags, says how to pass the inventory', async () => {
    const r = await runCli(['init'], { cwd: mkdtempSync(join(tmpdir(), 'swarmctl-init-')) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not on a terminal/);
  });

  it('parses --node and validates through the real inventory loader', () => {
    expect(parseNodeFlag('name=n4,address=h.example', 3)).toEqual({ name: 'n4', address: 'h.example', role: 'worker' });
    expect(() => parseNodeFlag('name=n1,addr=x', 0)).toThrow(/unknown field addr/);
    expect(() => renderClusterYaml({ cluster: 'Bad Name', nodes: [{ name: 'n1', address: '1.2.3.4', role: 'manager' }] })).toThrow(/cluster/);
  });
});
