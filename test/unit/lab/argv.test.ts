// argv builders: exact command lines, no docker or ssh needed.
import { describe, expect, it } from 'vitest';
import { nodeRunArgs } from '../../../src/lab/node-container.js';
import { knownHostsLines, sshCommandArgs, sshInteractiveArgs } from '../../../src/lab/ssh-args.js';
import { labNodes } from '../../../src/lab/naming.js';

const node = labNodes('abc', '198.18.5.0/24', 1)[0]!;

describe('node container', () => {
  it('runs with the measured flags instead of --privileged, on its fixed address', () => {
    const a = nodeRunArgs('abc', 'swarmctl-abc', 'swarmctl-node:123', node);
    expect(a).not.toContain('--privileged');
    expect(a.join(' ')).toContain('--name swarmctl-abc-node1 --hostname node1 --network swarmctl-abc --ip 198.18.5.11 --label swarmctl.lab=abc');
    expect(a.join(' ')).toContain('--cap-add ALL --cap-drop SYS_RESOURCE');
    expect(a.join(' ')).toContain('--tmpfs /var/lib/docker:exec');
    expect(a.join(' ')).toContain('--device /dev/net/tun');
    expect(a.at(-1)).toBe('swarmctl-node:123');
  });
});

describe('lab ssh argv', () => {
  it('uses only the lab key and known_hosts, strictly', () => {
    const a = sshCommandArgs({ dir: '/l', address: '198.18.5.11' }, 'hostname');
    expect(a).toEqual([
      '-F', 'none', '-i', '/l/id_ed25519', '-o', 'IdentitiesOnly=yes', '-o', 'UserKnownHostsFile=/l/known_hosts',
      '-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'StrictHostKeyChecking=yes', '-o', 'ConnectTimeout=5', '-o', 'LogLevel=ERROR',
      '-o', 'BatchMode=yes', '-l', 'root', '198.18.5.11', '--', 'hostname',
    ]);
  });

  it('asks for a TTY only for an interactive shell on a terminal', () => {
    const t = { dir: '/l', address: '198.18.5.11' };
    expect(sshInteractiveArgs(t, [], true)).toContain('-t');
    expect(sshInteractiveArgs(t, [], false)).not.toContain('-t');
    expect(sshInteractiveArgs(t, ['uname', '-a'], true).slice(-4)).toEqual(['198.18.5.11', '--', 'uname', '-a']);
    expect(sshInteractiveArgs(t, ['uname'], true)).not.toContain('-t');
  });

  it('turns host public keys into known_hosts lines, dropping comments and junk', () => {
    const pub = 'ssh-ed25519 AAAAC3Nz root@node1\necdsa-sha2-nistp256 AAAAE2V root@node1\n\ngarbage\n';
    expect(knownHostsLines('198.18.5.11', pub)).toEqual(['198.18.5.11 ssh-ed25519 AAAAC3Nz', '198.18.5.11 ecdsa-sha2-nistp256 AAAAE2V']);
  });
});
