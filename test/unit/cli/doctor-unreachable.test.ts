// A host that refuses SSH: doctor names the host and the step, and exits 1. Real ssh against a
// loopback port that nothing listens on (the test holds it free by binding and closing it).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { runCli } from '../../helpers/run-cli.js';

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('doctor against a host that refuses SSH', () => {
  it('names the host and the step, exit 1, no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmctl-doctor-'));
    const port = await closedPort();
    writeFileSync(
      join(dir, 'cluster.yaml'),
      `cluster: t\nssh:\n  knownHosts: known_hosts\n  connectTimeout: 3\nnodes:\n  - name: alpha\n    address: 127.0.0.1\n    role: manager\n    ssh: { port: ${port} }\n`,
    );
    const r = await runCli(['doctor', '-c', join(dir, 'cluster.yaml')]);
    rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/alpha\s+ssh\s+FAIL\s+alpha: ssh connect to root@127\.0\.0\.1:\d+ failed \(exit 255\): .*Connection refused/);
    expect(r.stdout).toContain('1 of 1 host(s) have blocking findings: alpha');
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });
});
