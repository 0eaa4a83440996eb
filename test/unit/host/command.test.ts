import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync, spawnSync } from 'node:child_process';
import { asRoot, quote, shellLine, sh } from '../../../src/host/command.js';
import { uploadCommand } from '../../../src/host/upload.js';
import { Secret } from '../../../src/util/redact.js';

describe('quoting', () => {
  it('leaves safe words alone and quotes the rest', () => {
    expect(shellLine(['wg', 'show', 'wg0', 'latest-handshakes'])).toBe('wg show wg0 latest-handshakes');
    expect(quote("it's")).toBe(`'it'\\''s'`);
    expect(quote('')).toBe("''");
    expect(quote('a b;rm -rf /')).toBe("'a b;rm -rf /'");
  });

  it('any argv survives a real shell unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0')), { minLength: 1, maxLength: 4 }), (argv) => {
        const out = execFileSync('sh', ['-c', `printf '%s\\0' ${shellLine(argv)}`]);
        expect(out.toString('utf8').split('\0').slice(0, -1)).toEqual(argv);
      }),
      { numRuns: 60 },
    );
  });

  it('uses sudo -n only for non-root users', () => {
    expect(asRoot(['id'], 'root')).toEqual(['id']);
    expect(asRoot(['id'], 'deploy')).toEqual(['sudo', '-n', '--', 'id']);
  });
});

describe('upload command', () => {
  it('carries content on stdin and only path, mode, owner and byte count in argv', () => {
    const cmd = uploadCommand({ path: '/etc/wireguard/wg0.key', content: new Secret('topsecretvalue'), mode: 0o640, owner: 'root', group: 'systemd-network' });
    expect(cmd.argv.slice(-4)).toEqual(['/etc/wireguard/wg0.key', '640', 'root:systemd-network', '14']);
    expect(cmd.argv.join(' ')).not.toContain('topsecretvalue');
    expect(cmd.stdin).toBeInstanceOf(Secret);
  });

  it('writes atomically and reports changed/unchanged when run by a real shell', () => {
    const dir = execFileSync('mktemp', ['-d']).toString().trim();
    const me = execFileSync('id', ['-un']).toString().trim();
    const run = (content: string) => {
      const c = uploadCommand({ path: `${dir}/sub/f.conf`, content, mode: 0o600, owner: me });
      return execFileSync(c.argv[0]!, c.argv.slice(1), { input: c.stdin as string }).toString().trim();
    };
    expect(run('a=1\n')).toBe('changed');
    expect(run('a=1\n')).toBe('unchanged');
    expect(run('a=2\n')).toBe('changed');
    expect(execFileSync('stat', ['-c', '%a', `${dir}/sub/f.conf`]).toString().trim()).toBe('600');
    expect(execFileSync('ls', ['-A', `${dir}/sub`]).toString().trim()).toBe('f.conf');
    execFileSync('rm', ['-rf', dir]);
  });

  it('removes stale temp files of killed uploads and keeps recent ones', () => {
    const dir = execFileSync('mktemp', ['-d']).toString().trim();
    const me = execFileSync('id', ['-un']).toString().trim();
    execFileSync('sh', ['-c', `touch -d '20 minutes ago' ${dir}/.swarmctl.AAAAAA && touch ${dir}/.swarmctl.BBBBBB`]);
    const c = uploadCommand({ path: `${dir}/f.conf`, content: 'x', mode: 0o600, owner: me });
    execFileSync(c.argv[0]!, c.argv.slice(1), { input: 'x' });
    expect(execFileSync('ls', ['-A', dir]).toString().trim().split('\n')).toEqual(['.swarmctl.BBBBBB', 'f.conf']);
    execFileSync('rm', ['-rf', dir]);
  });

  it('never installs a file whose content was cut short (a dropped connection ends stdin early)', () => {
    const dir = execFileSync('mktemp', ['-d']).toString().trim();
    const me = execFileSync('id', ['-un']).toString().trim();
    const c = uploadCommand({ path: `${dir}/wg0.key`, content: new Secret('0123456789abcdef0123456789abcdef'), mode: 0o600, owner: me });
    expect(c.argv.at(-1)).toBe('32');
    const r = spawnSync(c.argv[0]!, c.argv.slice(1), { input: '0123456789abcdef' });
    expect(r.status).toBe(1);
    expect(r.stderr.toString()).toContain('upload truncated: got 16 of 32 bytes');
    expect(execFileSync('ls', ['-A', dir]).toString().trim()).toBe('');
    execFileSync('rm', ['-rf', dir]);
  });

  it('sh() passes arguments positionally, never spliced into the script', () => {
    expect(sh('echo "$1"', 'x; rm -rf /')).toEqual(['sh', '-c', 'echo "$1"', 'sh', 'x; rm -rf /']);
  });
});
