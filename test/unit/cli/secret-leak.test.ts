// No secret value in clear anywhere it could leak: not in anything the CLI prints (except
// `get`'s stdout), not in error messages, not in any file left in the working directories.
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { runCli, type CliResult } from '../../helpers/run-cli.js';
import { createStore } from '../../../src/store/index.js';
import { CHEAP_SCRYPT, passphrase, tempDir } from '../store/helpers.js';

const t = tempDir('swarmctl-leak-');
afterAll(t.cleanup);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function forms(v: string): string[] {
  const b = Buffer.from(v);
  return [v, b.toString('base64'), b.toString('hex'), b.toString('base64url')];
}

describe('no value in clear', () => {
  it('stays out of output, errors and every file on disk', async () => {
    const values = [`stdin-${randomBytes(12).toString('hex')}`, `file-${randomBytes(12).toString('hex')}`, `second-${randomBytes(12).toString('hex')}`];
    const input = join(t.dir, 'input', 'value.txt'); // the user's own plaintext file: excluded below
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(t.dir, 'input'));
    writeFileSync(input, values[1]!);
    writeFileSync(join(t.dir, 'pass.txt'), 'leak-test-passphrase\n', { mode: 0o600 });
    writeFileSync(join(t.dir, 'new-pass.txt'), 'leak-test-passphrase-2\n', { mode: 0o600 });
    writeFileSync(join(t.dir, 'wrong.txt'), 'not-the-passphrase\n', { mode: 0o600 });
    // Created with a cheap KDF: strength is not the point here (passwd still uses the default).
    await createStore(join(t.dir, 'secrets/store.enc'), passphrase('leak-test-passphrase'), { scrypt: CHEAP_SCRYPT });
    const store = ['--store', 'secrets/store.enc'];
    const pass = ['--passphrase-file', 'pass.txt'];
    const outputs: CliResult[] = [];
    const cli = async (argv: string[], stdin?: string) => {
      const r = await runCli(argv, { cwd: t.dir, ...(stdin !== undefined ? { stdin } : {}) });
      outputs.push(r);
      return r;
    };

    expect((await cli(['secret', 'set', 'app/one', ...store, ...pass], values[0])).code).toBe(0);
    expect((await cli(['secret', 'set', 'app/two', '--from-file', input, ...store, ...pass])).code).toBe(0);
    expect((await cli(['secret', 'set', 'app/gen', '--generate', ...store, ...pass])).code).toBe(0);
    expect((await cli(['secret', 'set', 'app/one', ...store, ...pass], values[2])).code).toBe(0);
    await cli(['secret', 'ls', ...store, ...pass]);
    await cli(['secret', 'ls', '--json', ...store, ...pass]);
    await cli(['secret', 'get', 'app/one', ...store, '--passphrase-file', 'wrong.txt']);
    await cli(['secret', 'set', 'bad..name', ...store, ...pass], values[0]);
    await cli(['secret', 'set', 'app/x', values[0]!, ...store, ...pass]);
    expect((await cli(['secret', 'passwd', ...store, ...pass, '--new-passphrase-file', 'new-pass.txt'])).code).toBe(0);
    const gen = await runCli(['secret', 'get', 'app/gen', ...store, '--passphrase-file', 'new-pass.txt'], { cwd: t.dir });
    expect(gen.stdout).toMatch(/^[A-Za-z0-9]{32}$/);
    values.push(gen.stdout);

    for (const r of outputs) for (const v of values) for (const f of forms(v)) expect(r.stdout + r.stderr).not.toContain(f);
    const files = filesUnder(t.dir).filter((f) => f !== input);
    expect(files.some((f) => f.endsWith('store.enc'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const v of values) for (const f of forms(v)) expect(bytes.includes(f), `${f} in ${file}`).toBe(false);
    }
  }, 30_000);
});
