// `swarmctl secret …` in-process: exit codes, what goes to stdout/stderr, and that values
// never appear anywhere they should not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../helpers/run-cli.js';
import { main } from '../../../src/cli/main.js';
import { createStore } from '../../../src/store/index.js';
import { CHEAP_SCRYPT, keyFileIn, passphrase, tempDir } from '../store/helpers.js';

const t = tempDir('swarmctl-secret-cli-');
afterAll(t.cleanup);
let keyArgs: string[];
const VALUE = 'hunter2-Sup3r-s3cret-value';

beforeAll(() => {
  const key = keyFileIn(t.dir);
  keyArgs = ['--store', join(t.dir, 'kf.enc'), '--key-file', key.kind === 'keyFile' ? key.path : ''];
});

describe('secret set/get', () => {
  it('creates the store on first set, then returns the exact bytes', async () => {
    const set = await runCli(['secret', 'set', 'app/db_password', ...keyArgs], { stdin: VALUE, cwd: t.dir });
    expect(set.code).toBe(0);
    expect(set.stderr).toMatch(/created a new secret store/);
    expect(set.stderr).toMatch(/app\/db_password: version 1 stored \(opaque\)/);
    const get = await runCli(['secret', 'get', 'app/db_password', ...keyArgs], { cwd: t.dir });
    expect(get).toMatchObject({ code: 0, stdout: VALUE });
  });

  it('keeps versions and reads an older one with --version', async () => {
    await runCli(['secret', 'set', 'app/db_password', ...keyArgs], { stdin: 'second-value-xyz', cwd: t.dir });
    expect((await runCli(['secret', 'get', 'app/db_password', ...keyArgs])).stdout).toBe('second-value-xyz');
    expect((await runCli(['secret', 'get', 'app/db_password', '--version', '1', ...keyArgs])).stdout).toBe(VALUE);
    const missing = await runCli(['secret', 'get', 'app/db_password', '--version', '9', ...keyArgs]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/has no version 9/);
  });

  it('generates values with the requested length and charset', async () => {
    const set = await runCli(['secret', 'set', 'gen/hex', '--generate', '--length', '40', '--charset', 'hex', '--kind', 'wireguard-psk', ...keyArgs]);
    expect(set.code).toBe(0);
    expect(set.stdout + set.stderr).not.toMatch(/[0-9a-f]{40}/);
    const get = await runCli(['secret', 'get', 'gen/hex', ...keyArgs]);
    expect(get.stdout).toMatch(/^[0-9a-f]{40}$/);
  });

  it('reads --from-file byte for byte', async () => {
    const f = join(t.dir, 'value.bin');
    writeFileSync(f, Buffer.from([0, 1, 2, 255, 10]));
    expect((await runCli(['secret', 'set', 'bin/blob', '--from-file', f, ...keyArgs])).code).toBe(0);
    const get = await runCli(['secret', 'get', 'bin/blob', ...keyArgs]);
    expect(Buffer.from(get.stdout, 'latin1').length).toBeGreaterThan(0);
    // runCli decodes stdout as UTF-8 (0xff does not survive); capture the raw bytes instead.
    const chunks: Buffer[] = [];
    const code = await main(['secret', 'get', 'bin/blob', ...keyArgs], (g) => ({
      cwd: t.dir, configPath: join(t.dir, g.config), verbose: false, json: g.json, env: {},
      stdin: process.stdin, out: () => undefined, err: () => undefined, stdoutIsTTY: false,
      stdout: { write: (b: Buffer, cb: () => void) => (chunks.push(Buffer.from(b)), cb(), true) } as unknown as NodeJS.WritableStream,
    }));
    expect(code).toBe(0);
    expect(Buffer.concat(chunks).equals(Buffer.from([0, 1, 2, 255, 10]))).toBe(true);
  });

  it('get into a closed pipe: exit 1 with one ERROR line, not a crash with a stack trace', async () => {
    const { Writable } = await import('node:stream');
    const closed = new Writable({ write: (_c, _e, cb) => cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })) });
    let err = '';
    const code = await main(['secret', 'get', 'bin/blob', ...keyArgs], (g) => ({
      cwd: t.dir, configPath: join(t.dir, g.config), verbose: false, json: g.json, env: {},
      stdin: process.stdin, out: () => undefined, err: (s) => void (err += `${s}\n`), stdoutIsTTY: false, stdout: closed,
    }));
    expect(code).toBe(1);
    expect(err).toBe('ERROR: cannot write the value to stdout: EPIPE\nhint: the reading end of the pipe closed before the whole value was written\n');
  });

  it('refuses --from-file that is empty, unreadable, or larger than the limit (without reading it all)', async () => {
    const empty = join(t.dir, 'empty.bin');
    writeFileSync(empty, '');
    for (const [file, msg] of [
      [empty, /empty\.bin is empty/],
      [t.dir, /cannot read .*: EISDIR/],
      [join(t.dir, 'missing.bin'), /cannot read .*: ENOENT/],
      ['/dev/zero', /secret value in \/dev\/zero is larger than 512000 bytes/],
    ] as const) {
      const r = await runCli(['secret', 'set', 'f/f', '--from-file', file, ...keyArgs]);
      expect(r.code, file).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/internal error/);
    }
  });

  it('refuses a value on the command line without echoing it', async () => {
    const r = await runCli(['secret', 'set', 'app/x', 'my-plain-argv-value', ...keyArgs]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/never taken from the command line/);
    expect(r.stderr + r.stdout).not.toContain('my-plain-argv-value');
  });

  it('rejects bad names, bad kinds, empty stdin and conflicting flags with exit 2', async () => {
    for (const [argv, msg] of [
      [['secret', 'set', '../etc/passwd'], /invalid secret name/],
      [['secret', 'set', 'a//b'], /empty segment/],
      [['secret', 'set', 'ok/name', '--kind', 'nope'], /unknown secret kind/],
      [['secret', 'set', 'ok/name'], /no value on stdin/],
      [['secret', 'set', 'ok/name', '--generate', '--from-file', 'x'], /exclude each other/],
      [['secret', 'set', 'ok/name', '--generate', '--charset', 'emoji'], /unknown --charset/],
    ] as const) {
      const r = await runCli([...argv, ...keyArgs]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  });

  it('refuses to print to a terminal unless --reveal', async () => {
    const tty = (argv: string[]) => {
      let out = '';
      let err = '';
      return main(argv, (g) => ({
        cwd: t.dir, configPath: join(t.dir, g.config), verbose: false, json: g.json, env: {},
        stdin: process.stdin, out: (s) => (out += s), err: (s) => (err += s), stdoutIsTTY: true,
        stdout: { write: (b: Buffer, cb: () => void) => ((out += b.toString()), cb(), true) } as unknown as NodeJS.WritableStream,
      })).then((code) => ({ code, out, err }));
    };
    const refused = await tty(['secret', 'get', 'app/db_password', ...keyArgs]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/refusing to print a secret to a terminal/);
    expect(refused.out).toBe('');
    const revealed = await tty(['secret', 'get', 'app/db_password', '--reveal', ...keyArgs]);
    expect(revealed).toMatchObject({ code: 0, out: 'second-value-xyz' });
  });
});

describe('secret ls/rm', () => {
  it('lists names, kinds and versions but never values (table and --json)', async () => {
    const table = await runCli(['secret', 'ls', ...keyArgs]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/app\/db_password\s+opaque\s+v2 \(2 kept\)/);
    expect(table.stdout).toMatch(/gen\/hex\s+wireguard-psk\s+v1/);
    const json = await runCli(['secret', 'ls', '--json', ...keyArgs]);
    const parsed = JSON.parse(json.stdout) as { name: string; versions: unknown[] }[];
    expect(parsed.find((s) => s.name === 'app/db_password')?.versions).toHaveLength(2);
    for (const out of [table.stdout, json.stdout]) {
      expect(out).not.toContain(VALUE);
      expect(out).not.toContain('second-value-xyz');
    }
  });

  it('removes a secret with all versions', async () => {
    expect((await runCli(['secret', 'rm', 'bin/blob', ...keyArgs])).stderr).toMatch(/removed \(1 version\)/);
    const gone = await runCli(['secret', 'get', 'bin/blob', ...keyArgs]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/no secret named 'bin\/blob'/);
    expect((await runCli(['secret', 'rm', 'bin/blob', ...keyArgs])).code).toBe(2);
  });
});

describe('passphrases', () => {
  const path = join(t.dir, 'pp.enc');
  const passFile = join(t.dir, 'pass.txt');
  beforeAll(async () => {
    writeFileSync(passFile, 'old passphrase long\n', { mode: 0o600 });
    await createStore(path, passphrase('old passphrase long'), { scrypt: CHEAP_SCRYPT });
  });

  it('takes the passphrase from SWARMCTL_PASSPHRASE_FILE, and refuses without one off a terminal', async () => {
    const set = await runCli(['secret', 'set', 'x/y', '--store', path], { stdin: VALUE, env: { SWARMCTL_PASSPHRASE_FILE: passFile } });
    expect(set.code).toBe(0);
    const none = await runCli(['secret', 'ls', '--store', path]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no store passphrase/);
  });

  it('wrong passphrase: exit 1, the documented message, file byte-identical', async () => {
    const wrong = join(t.dir, 'wrong.txt');
    writeFileSync(wrong, 'not the passphrase', { mode: 0o600 });
    const before = readFileSync(path);
    for (const cmd of [['get', 'x/y'], ['set', 'x/z'], ['rm', 'x/y'], ['ls']]) {
      const r = await runCli(['secret', ...cmd, '--store', path, '--passphrase-file', wrong], { stdin: 'v-a-l-u-e' });
      expect(r.code, cmd.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/ERROR: wrong passphrase or corrupted store/);
      expect(r.stdout).toBe('');
    }
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('passwd without a new key off a terminal: exit 2 naming the options, store unchanged', async () => {
    const before = readFileSync(path);
    const none = await runCli(['secret', 'passwd', '--store', path, '--passphrase-file', passFile], { env: { SWARMCTL_PASSPHRASE_FILE: passFile } });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^ERROR: no new passphrase: not on a terminal.*\nhint: pass --new-passphrase-file F or --new-key-file F/);
    const both = await runCli(['secret', 'passwd', '--store', path, '--passphrase-file', passFile, '--new-passphrase-file', passFile, '--new-key-file', 'k']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exclude each other/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('passwd re-encrypts under the new passphrase; the old one stops working', async () => {
    const next = join(t.dir, 'next.txt');
    writeFileSync(next, 'brand new passphrase', { mode: 0o600 });
    const r = await runCli(['secret', 'passwd', '--store', path, '--passphrase-file', passFile, '--new-passphrase-file', next]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/re-encrypted 1 secret/);
    expect((await runCli(['secret', 'get', 'x/y', '--store', path, '--passphrase-file', next])).stdout).toBe(VALUE);
    const old = await runCli(['secret', 'get', 'x/y', '--store', path, '--passphrase-file', passFile]);
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(/wrong passphrase or corrupted store/);
  }, 20_000);
});

describe('bad names on get and rm', () => {
  it('are usage errors, quoted (a newline stays visible), before any store or key is touched', async () => {
    for (const cmd of ['get', 'rm']) {
      const r = await runCli(['secret', cmd, 'a\n../b', '--store', join(t.dir, 'nowhere.enc')]);
      expect(r.code, cmd).toBe(2);
      expect(r.stderr).toMatch(/^ERROR: invalid secret name "a\\n\.\.\/b": /);
    }
  });
});

describe('a store that cannot be created', () => {
  it('is an operation error naming the directory, not an internal error', async () => {
    const file = join(t.dir, 'a-file');
    writeFileSync(file, 'not a directory');
    const r = await runCli(['secret', 'set', 'a/b', '--store', join(file, 'store.enc'), '--key-file', keyArgs[3]!], { stdin: VALUE });
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(`ERROR: cannot create the store's directory ${file}: `)).toBe(true);
    expect(r.stderr).toMatch(/: (EEXIST|ENOTDIR)\n$/); // one line: no stack, no 'internal error'
  });
});

describe('a missing store', () => {
  it('is reported (exit 2) before any key is asked for, by every command that reads one', async () => {
    const missing = join(t.dir, 'nowhere', 'store.enc');
    for (const argv of [['get', 'a/b'], ['ls'], ['rm', 'a/b'], ['passwd']]) {
      // No key source at all: the missing store is the first (and only) thing to report.
      const r = await runCli(['secret', ...argv, '--store', missing]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^ERROR: no secret store at .*nowhere\/store\.enc\nhint: create it with/);
    }
  });
});

describe('store from the inventory', () => {
  it('uses store.path and store.keyFile from cluster.yaml', async () => {
    const dir = join(t.dir);
    keyFileIn(dir, 'inv.key');
    writeFileSync(join(dir, 'cluster.yaml'), 'cluster: demo\nstore:\n  path: secrets/inv.enc\n  keyFile: inv.key\nnodes:\n  - name: n1\n    address: 10.0.0.1\n    role: manager\n');
    expect((await runCli(['secret', 'set', 'a/b'], { cwd: dir, stdin: VALUE })).code).toBe(0);
    const get = await runCli(['-c', 'cluster.yaml', 'secret', 'get', 'a/b'], { cwd: dir });
    expect(get).toMatchObject({ code: 0, stdout: VALUE });
  });
});

describe('secret passwd to a key file', () => {
  it('generates the new key file (0600) when missing and re-encrypts under it', async () => {
    const store = join(t.dir, 'to-kf.enc');
    const pass = join(t.dir, 'to-kf-pass.txt');
    writeFileSync(pass, 'to-kf passphrase 1', { mode: 0o600 });
    await createStore(store, passphrase('to-kf passphrase 1'), { scrypt: CHEAP_SCRYPT });
    expect((await runCli(['secret', 'set', 'k/v', '--store', store, '--passphrase-file', pass], { stdin: VALUE })).code).toBe(0);
    const newKey = join(t.dir, 'fresh.key');
    const r = await runCli(['secret', 'passwd', '--store', store, '--passphrase-file', pass, '--new-key-file', newKey]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/generated a new store key file/);
    const { statSync } = await import('node:fs');
    expect(statSync(newKey).mode & 0o777).toBe(0o600);
    expect((await runCli(['secret', 'get', 'k/v', '--store', store, '--key-file', newKey])).stdout).toBe(VALUE);
    expect((await runCli(['secret', 'get', 'k/v', '--store', store, '--passphrase-file', pass])).code).toBe(2);
  });

  it('a key file that cannot be created: exit 2, a clear message, the store unchanged', async () => {
    const store = join(t.dir, 'to-kf-bad.enc');
    const pass = join(t.dir, 'to-kf-bad-pass.txt');
    writeFileSync(pass, 'to-kf passphrase 2', { mode: 0o600 });
    await createStore(store, passphrase('to-kf passphrase 2'), { scrypt: CHEAP_SCRYPT });
    const before = readFileSync(store);
    const r = await runCli(['secret', 'passwd', '--store', store, '--passphrase-file', pass, '--new-key-file', join(t.dir, 'no-such-dir', 'k')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ERROR: cannot create the new key file .*no-such-dir\/k: ENOENT\nhint: nothing was changed/);
    expect(readFileSync(store).equals(before)).toBe(true);
  });
});
