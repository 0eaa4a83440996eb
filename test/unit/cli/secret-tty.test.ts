// The real CLI under a pseudo-terminal (util-linux `script`): hidden prompts for the value and
// the passphrase (nothing typed is echoed), and `get` refusing the terminal without --reveal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleSecretCli } from '../store/bundle.js';
import { tempDir } from '../store/helpers.js';

const hasScript = spawnSync('script', ['--version']).status === 0;
const t = tempDir('swarmctl-tty-');
afterAll(t.cleanup);
let cli: string;
const VALUE = 'typed-value-Qx7-never-echoed';
const PASS = 'typed passphrase 42';

beforeAll(async () => {
  if (hasScript) cli = await bundleSecretCli(t.dir);
}, 30_000);

/** Runs swarmctl on a pty; each time the output matches `waitFor`, types `send` + Enter. */
function onTty(args: string[], steps: { waitFor: RegExp; send: string }[]): Promise<{ code: number; out: string }> {
  const quoted = ['node', cli, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qfec', quoted, '/dev/null'], { cwd: t.dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let seen = 0; // output already consumed by earlier steps
  const pending = [...steps];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const next = pending[0];
    if (next && next.waitFor.test(out.slice(seen))) {
      pending.shift();
      seen = out.length;
      child.stdin.write(`${next.send}\r`);
    }
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? -1, out })));
}

describe('secret commands on a terminal', () => {
  it('has script(1) to provide a pseudo-terminal (util-linux), never silently skipped', () => {
    expect(hasScript).toBe(true);
  });

  const store = ['--store', 'tty.enc'];

  it('set prompts (hidden) for the value, then twice for a new passphrase', async () => {
    const r = await onTty(['secret', 'set', 'app/typed', ...store], [
      { waitFor: /Secret value/, send: VALUE },
      { waitFor: /Repeat the value/, send: VALUE },
      { waitFor: /New secret store passphrase/, send: PASS },
      { waitFor: /Repeat the passphrase/, send: PASS },
    ]);
    expect(r.out).toMatch(/created a new secret store/);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain(VALUE);
    expect(r.out).not.toContain(PASS);
    expect(existsSync(join(t.dir, 'tty.enc'))).toBe(true);
    expect(readFileSync(join(t.dir, 'tty.enc')).includes(VALUE)).toBe(false);
  }, 30_000);

  it('get refuses the terminal without asking anything', async () => {
    const r = await onTty(['secret', 'get', 'app/typed', ...store], []);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/refusing to print a secret to a terminal/);
  }, 30_000);

  it('get --reveal asks for the passphrase and prints the value', async () => {
    const r = await onTty(['secret', 'get', 'app/typed', '--reveal', ...store], [{ waitFor: /Secret store passphrase/, send: PASS }]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(VALUE);
    expect(r.out).not.toContain(PASS);
  }, 30_000);

  it('a wrongly typed passphrase: exit 1 and the documented message', async () => {
    const r = await onTty(['secret', 'ls', ...store], [{ waitFor: /Secret store passphrase/, send: 'not it at all' }]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/ERROR: wrong passphrase or corrupted store/);
  }, 30_000);
});
