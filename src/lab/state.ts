// DIR/state.json: what `lab up` created, so status/ssh/down work from the directory alone.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { LAB_FILES } from './cluster-yaml.js';
import type { LabNode } from './naming.js';

export interface LabState {
  version: 1;
  id: string;
  dir: string;
  network: string;
  subnet: string;
  /** `lab up` made the directory itself, so `lab down` may remove it entirely. */
  createdDir: boolean;
  nodeImage: string;
  appImage: string;
  nodes: LabNode[];
}

export function labDirOf(cwd: string, dir: unknown): string {
  return resolve(cwd, typeof dir === 'string' && dir !== '' ? dir : 'lab');
}

export function readState(dir: string): LabState | undefined {
  try {
    const s = JSON.parse(readFileSync(join(dir, LAB_FILES.state), 'utf8')) as LabState;
    return s.version === 1 ? s : undefined;
  } catch {
    return undefined;
  }
}

export function writeState(state: LabState): void {
  writeFileAtomic(join(state.dir, LAB_FILES.state), `${JSON.stringify(state, null, 2)}\n`);
}

export function requireState(dir: string): LabState {
  const s = readState(dir);
  if (!s) throw new UserError(`no lab in ${dir}`, `swarmctl lab up${dir.endsWith('/lab') ? '' : ` --dir ${dir}`}`);
  return s;
}
