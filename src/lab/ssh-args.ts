// argv for OpenSSH to a lab node: the lab's own key and known_hosts, strict host key checking,
// and no user ssh config (-F none) so a developer's ~/.ssh/config cannot change what a test sees.
import { join } from 'node:path';
import { LAB_FILES } from './cluster-yaml.js';

export interface SshTarget {
  dir: string;
  address: string;
}

export function sshBaseArgs(dir: string, connectTimeout = 5): string[] {
  return [
    '-F', 'none',
    '-i', join(dir, LAB_FILES.identity),
    '-o', 'IdentitiesOnly=yes',
    '-o', `UserKnownHostsFile=${join(dir, LAB_FILES.knownHosts)}`,
    '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', `ConnectTimeout=${connectTimeout}`,
    '-o', 'LogLevel=ERROR',
  ];
}

/** Non-interactive command over SSH (probes, helpers): never prompts. */
export function sshCommandArgs(t: SshTarget, command: string): string[] {
  return [...sshBaseArgs(t.dir), '-o', 'BatchMode=yes', '-l', 'root', t.address, '--', command];
}

/** `lab ssh`: a login shell with a TTY when there is no command, else the command as ssh joins it. */
export function sshInteractiveArgs(t: SshTarget, command: string[], stdinIsTTY: boolean): string[] {
  const tty = command.length === 0 ? (stdinIsTTY ? ['-t'] : []) : [];
  return [...sshBaseArgs(t.dir), ...tty, '-l', 'root', t.address, ...(command.length ? ['--', ...command] : [])];
}

/** A known_hosts line per host key, from `ssh_host_*_key.pub` contents ("type base64 comment"). */
export function knownHostsLines(address: string, pubKeys: string): string[] {
  return pubKeys
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((p) => p.length >= 2 && /^(ssh-|ecdsa-)/.test(p[0]!))
    .map((p) => `${address} ${p[0]} ${p[1]}`);
}

/** The probe `lab up` and `lab status` run over real SSH: sshd answers if it prints anything. */
export const PROBE_COMMAND = "docker version --format '{{.Server.Version}}' 2>/dev/null || echo 'dockerd-down'";
