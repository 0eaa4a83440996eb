// The WireGuard backend is a strategy: which files a host gets and which commands carry out
// a planned action. Everything else (planning, upload, verification) is shared.
import type { RemoteCommand } from '../host/command.js';
import type { HostPlan } from './diff.js';
import { hostFiles, type BackendKind, type MeshFile } from './files.js';
import type { NodeMesh } from './model.js';
import type { MeshKeys } from './secrets.js';
import { networkdCommands } from './backend-networkd.js';
import { userspaceCommands } from './backend-userspace.js';

export interface Backend {
  readonly kind: BackendKind;
  files(node: NodeMesh, keys: MeshKeys): MeshFile[];
  /** Commands for the plan's action (none for 'none'); they never carry key material. */
  commands(node: NodeMesh, plan: HostPlan): RemoteCommand[];
}

export function backendFor(kind: BackendKind): Backend {
  return {
    kind,
    files: (node, keys) => hostFiles(kind, node, keys),
    commands: (node, plan) => (plan.action === 'none' ? [] : kind === 'networkd' ? networkdCommands(node, plan) : userspaceCommands(plan)),
  };
}

/** After the SSH session that started it has gone: is wg0 really there? */
export function wg0ExistsCommand(): RemoteCommand {
  return { step: 'check that wg0 exists', argv: ['test', '-e', '/sys/class/net/wg0'], timeoutMs: 10_000 };
}
