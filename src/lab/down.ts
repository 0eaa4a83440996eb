// `lab down`: nothing of the lab survives: containers, network, local ssh processes, state files.
// Idempotent: everything is looked up by the id derived from DIR, not only from state.json.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { containersLabelled, docker, dockerOk, requireEngine } from './docker.js';
import { LAB_FILES } from './cluster-yaml.js';
import { LAB_LABEL, labId, networkName } from './naming.js';
import { removeNetwork } from './network.js';
import { listProcesses, sshProcessesUsing, terminate } from './processes.js';
import { readState } from './state.js';
import { withLabLock } from './lock.js';

export interface DownResult {
  containers: string[];
  network: boolean;
  processes: number[];
  removedDir: boolean;
  /** DIR existed (its lab files were removed). */
  hadFiles: boolean;
}

/** Only a directory `lab up` created, that holds no repository and is not where we stand, goes entirely. */
export function mayRemoveDir(dir: string, cwd: string, createdDir: boolean): boolean {
  const rel = relative(dir, cwd);
  const containsCwd = rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  return createdDir && dir !== '/' && !containsCwd && !existsSync(join(dir, '.git'));
}

export async function labDown(dir: string, cwd: string): Promise<DownResult> {
  await requireEngine();
  const id = labId(dir);
  return withLabLock(id, dir, () => removeLab(dir, cwd, id));
}

async function removeLab(dir: string, cwd: string, id: string): Promise<DownResult> {
  const state = readState(dir);
  // ssh first: a master killed before its server goes away exits at once instead of timing out.
  const processes = terminate(sshProcessesUsing(listProcesses(), join(dir, LAB_FILES.identity)));
  const containers = await containersLabelled(LAB_LABEL, id);
  if (containers.length) await dockerOk('remove lab containers', ['rm', '--force', '--volumes', ...containers]);
  const net = networkName(id);
  const hadNetwork = (await docker(['network', 'inspect', net])).exitCode === 0;
  if (hadNetwork) await removeNetwork(net);

  const hadFiles = existsSync(dir);
  let removedDir = false;
  if (existsSync(dir)) {
    if (mayRemoveDir(dir, cwd, state?.createdDir ?? false)) {
      rmSync(dir, { recursive: true, force: true });
      removedDir = true;
    } else {
      for (const f of [...Object.values(LAB_FILES), `${LAB_FILES.identity}.pub`]) rmSync(join(dir, f), { force: true });
      if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true, force: true });
    }
  }
  return { containers, network: hadNetwork, processes, removedDir, hadFiles };
}
