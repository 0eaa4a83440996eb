// Effects on one lab node: create/start its container, provision it, load the app image, and
// wait until it answers over real SSH like any host in an inventory would.
import { execa } from 'execa';
import { OperationError } from '../errors.js';
import { docker, dockerOk, inspectContainer } from './docker.js';
import type { LabNode } from './naming.js';
import { nodeRunArgs, PROVISION_SCRIPT, WAIT_DOCKERD_SCRIPT } from './node-container.js';
import { knownHostsLines, PROBE_COMMAND, sshCommandArgs } from './ssh-args.js';

export interface NodeSetup {
  id: string;
  network: string;
  image: string;
  appImage: string;
  pubKey: string;
  dir: string;
}

/** Ensures the container runs; returns 'kept' | 'started' | 'created'. An existing one is never replaced. */
export async function ensureContainer(s: NodeSetup, node: LabNode): Promise<'kept' | 'started' | 'created'> {
  const info = await inspectContainer(node.container);
  if (info?.running) return 'kept';
  if (info) {
    await dockerOk(`${node.name}: start container`, ['start', node.container]);
    return 'started';
  }
  await dockerOk(`${node.name}: create container`, nodeRunArgs(s.id, s.network, s.image, node));
  return 'created';
}

/** Authorises the lab key and returns the node's known_hosts lines. */
export async function provision(s: NodeSetup, node: LabNode): Promise<string[]> {
  const keys = await dockerOk(`${node.name}: provision`, ['exec', '-i', node.container, 'sh', '-c', PROVISION_SCRIPT], { input: `${s.pubKey}\n` });
  const lines = knownHostsLines(node.address, keys);
  if (lines.length === 0) throw new OperationError(`${node.name}: no SSH host keys found in the container`);
  return lines;
}

export async function loadAppImage(s: NodeSetup, node: LabNode): Promise<'present' | 'loaded'> {
  await dockerOk(`${node.name}: wait for dockerd`, ['exec', node.container, 'sh', '-c', WAIT_DOCKERD_SCRIPT]);
  const has = await docker(['exec', node.container, 'docker', 'image', 'inspect', '--format', '{{.Id}}', s.appImage]);
  if (has.exitCode !== 0) {
    // No registry: stream the image from the control machine's engine into the node's.
    const r = await execa('docker', ['save', s.appImage], { reject: false, encoding: 'buffer' }).pipe('docker', ['exec', '-i', node.container, 'docker', 'load'], { reject: false });
    if (r.exitCode !== 0) throw new OperationError(`${node.name}: load ${s.appImage}: ${String(r.stderr).trim()}`);
  }
  await dockerOk(`${node.name}: tag app image`, ['exec', node.container, 'docker', 'tag', s.appImage, 'swarmctl-app:latest']);
  return has.exitCode === 0 ? 'present' : 'loaded';
}

export interface ProbeResult {
  sshd: boolean;
  dockerd?: string;
  error?: string;
}

/** One real SSH login running PROBE_COMMAND. */
export async function probe(dir: string, address: string, timeoutMs = 10_000): Promise<ProbeResult> {
  const r = await execa('ssh', sshCommandArgs({ dir, address }, PROBE_COMMAND), { reject: false, timeout: timeoutMs, encoding: 'utf8', stdin: 'ignore' });
  if (r.exitCode !== 0) return { sshd: false, error: String(r.stderr).trim().split('\n').pop() || `ssh exit ${r.exitCode}` };
  const v = String(r.stdout).trim();
  return v && v !== 'dockerd-down' ? { sshd: true, dockerd: v } : { sshd: true };
}

/** Polls until sshd and dockerd both answer over SSH. */
export async function waitReady(dir: string, node: LabNode, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last: ProbeResult = { sshd: false };
  while (Date.now() < deadline) {
    last = await probe(dir, node.address);
    if (last.sshd && last.dockerd) return last.dockerd;
    await new Promise((r) => setTimeout(r, 250));
  }
  const why = last.sshd ? 'dockerd is not answering' : `sshd is not answering (${last.error ?? 'no detail'})`;
  throw new OperationError(`${node.name} (${node.address}): ${why} after ${timeoutMs / 1000} s`, `swarmctl lab status; docker logs ${node.container}`);
}
