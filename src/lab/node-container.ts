// One lab node = one container that behaves like a freshly provisioned host. The `docker run`
// flags are the measured recipe from LAB.md: everything a nested dockerd needs, minus --privileged
// (which fails here: CAP_SYS_RESOURCE is outside the bounding set).
import { LAB_LABEL, type LabNode } from './naming.js';

export function nodeRunArgs(id: string, network: string, image: string, node: LabNode): string[] {
  return [
    'run', '--detach',
    '--name', node.container,
    '--hostname', node.name,
    '--network', network,
    '--ip', node.address,
    '--label', `${LAB_LABEL}=${id}`,
    '--label', `${LAB_LABEL}.node=${node.name}`,
    // tini as PID 1: reaps the zombies sshd sessions and test commands leave behind.
    '--init',
    '--cap-add', 'ALL', '--cap-drop', 'SYS_RESOURCE',
    '--security-opt', 'seccomp=unconfined',
    '--security-opt', 'apparmor=unconfined',
    '--security-opt', 'systempaths=unconfined',
    '--device', '/dev/net/tun',
    '--device-cgroup-rule', 'a *:* rwm',
    '--volume', '/sys/fs/cgroup:/sys/fs/cgroup:rw',
    '--tmpfs', '/run',
    // Nested overlay2 cannot live on the container's own overlayfs.
    '--tmpfs', '/var/lib/docker:exec',
    image,
  ];
}

/**
 * Shell run through `docker exec` (the trusted channel, before SSH is trusted): authorise the lab
 * key for root, make sure the services run, then print the host's public keys for known_hosts.
 * The public key arrives on stdin.
 */
export const PROVISION_SCRIPT = [
  'set -e',
  'umask 077',
  'mkdir -p /root/.ssh',
  'key=$(cat)',
  'touch /root/.ssh/authorized_keys',
  'grep -qxF "$key" /root/.ssh/authorized_keys || printf "%s\\n" "$key" >> /root/.ssh/authorized_keys',
  '/usr/local/sbin/lab-node-services',
  'for i in $(seq 1 100); do [ -s /etc/ssh/ssh_host_ed25519_key.pub ] && break; sleep 0.1; done',
  'cat /etc/ssh/ssh_host_*_key.pub',
].join('\n');

/** Waits for the node's own dockerd (docker exec), so images can be loaded into it. */
export const WAIT_DOCKERD_SCRIPT = 'for i in $(seq 1 300); do docker version >/dev/null 2>&1 && exit 0; sleep 0.1; done; tail -5 /var/log/dockerd.log >&2; exit 1';
