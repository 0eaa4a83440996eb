// The Docker Engine API calls the swarm steps make, each returning or taking the plain values of
// model.ts. Tokens and the unlock key travel only inside API request/response bodies over the
// SSH-forwarded socket: never in a process's argv, never printed.
import type Dockerode from 'dockerode';
import { Secret } from '../util/redact.js';
import type { EngineSwarmState, Role, SwarmMember } from './model.js';
import { MANAGER_PORT } from './model.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- the Engine API's JSON, narrowed right here */
type Json = any;

export async function engineState(name: string, docker: Dockerode): Promise<EngineSwarmState & { managersKnown: number; engineVersion: string }> {
  const info: Json = await docker.info();
  const s: Json = info.Swarm ?? {};
  const state = (['inactive', 'pending', 'active', 'error', 'locked'] as const).find((x) => x === s.LocalNodeState) ?? 'error';
  return {
    name,
    state,
    ...(s.NodeID ? { nodeId: s.NodeID as string } : {}),
    ...(s.Cluster?.ID ? { clusterId: s.Cluster.ID as string } : {}),
    controlAvailable: Boolean(s.ControlAvailable),
    ...(s.NodeAddr ? { nodeAddr: s.NodeAddr as string } : {}),
    managersKnown: Math.max(Number(s.Managers ?? 0), Array.isArray(s.RemoteManagers) ? s.RemoteManagers.length : 0),
    engineVersion: String(info.ServerVersion ?? ''),
  };
}

export async function listMembers(docker: Dockerode): Promise<SwarmMember[]> {
  const nodes: Json[] = await docker.listNodes();
  return nodes.map((n) => ({
    id: n.ID,
    version: n.Version?.Index ?? 0,
    hostname: n.Description?.Hostname ?? '',
    role: n.Spec?.Role === 'manager' ? 'manager' : 'worker',
    addr: n.Status?.Addr ?? '',
    labels: n.Spec?.Labels ?? {},
    availability: n.Spec?.Availability ?? '',
    state: n.Status?.State ?? 'unknown',
    ...(n.ManagerStatus?.Addr ? { managerAddr: n.ManagerStatus.Addr } : {}),
    leader: Boolean(n.ManagerStatus?.Leader),
    ...(n.ManagerStatus?.Reachability ? { reachability: n.ManagerStatus.Reachability } : {}),
    ...(n.Description?.Engine?.EngineVersion ? { engineVersion: n.Description.Engine.EngineVersion } : {}),
  }));
}

export interface InitOptions {
  address: string;
  defaultAddrPool: string;
  subnetSize: number;
  autolock: boolean;
}

/** Advertise, listen and data-path on the wg0 address: nothing of Swarm binds elsewhere. */
export async function initSwarm(docker: Dockerode, o: InitOptions): Promise<void> {
  await docker.swarmInit({
    ListenAddr: `${o.address}:${MANAGER_PORT}`,
    AdvertiseAddr: `${o.address}:${MANAGER_PORT}`,
    DataPathAddr: o.address,
    DefaultAddrPool: [o.defaultAddrPool],
    SubnetSize: o.subnetSize,
    ForceNewCluster: false,
    Spec: { EncryptionConfig: { AutoLockManagers: o.autolock } },
  });
}

export async function joinSwarm(docker: Dockerode, address: string, via: string[], token: Secret): Promise<void> {
  await docker.swarmJoin({
    ListenAddr: `${address}:${MANAGER_PORT}`,
    AdvertiseAddr: `${address}:${MANAGER_PORT}`,
    DataPathAddr: address,
    RemoteAddrs: via,
    JoinToken: token.reveal(),
  });
}

/** A join interrupted half-way leaves 'pending' or 'error'; only such a non-member may be reset. */
export async function abandonPendingJoin(docker: Dockerode): Promise<void> {
  await docker.swarmLeave({ force: true });
}

export interface SwarmInfo {
  tokens: Record<Role, Secret>;
  autolock: boolean;
  version: number;
  spec: Json;
}

/** One GET /swarm: join tokens and the spec (autolock), so a no-op run asks once. */
export async function swarmInfo(docker: Dockerode): Promise<SwarmInfo> {
  const s: Json = await docker.swarmInspect();
  return {
    tokens: { manager: new Secret(String(s.JoinTokens.Manager)), worker: new Secret(String(s.JoinTokens.Worker)) },
    autolock: Boolean(s.Spec?.EncryptionConfig?.AutoLockManagers),
    version: s.Version.Index,
    spec: s.Spec,
  };
}

export async function setAutolock(docker: Dockerode, cur: SwarmInfo, enabled: boolean): Promise<void> {
  await docker.swarmUpdate({ version: cur.version, ...cur.spec, EncryptionConfig: { ...(cur.spec.EncryptionConfig ?? {}), AutoLockManagers: enabled } });
}

// dockerode has no wrappers for these two endpoints; dial them the way its own methods do.
function dial(docker: Dockerode, path: string, method: 'GET' | 'POST', body?: object): Promise<Json> {
  return new Promise((resolve, reject) => {
    docker.modem.dial({ path, method, statusCodes: { 200: true, 400: 'bad parameter', 403: 'not allowed', 406: 'not a swarm manager', 500: 'server error', 503: 'node is not part of a swarm' }, options: body ?? {} }, (err: unknown, data: unknown) =>
      err ? reject(err) : resolve(data),
    );
  });
}

export async function unlockKey(docker: Dockerode): Promise<Secret> {
  const r = await dial(docker, '/swarm/unlockkey', 'GET');
  return new Secret(String(r.UnlockKey));
}

export async function unlockSwarm(docker: Dockerode, key: Secret): Promise<void> {
  await dial(docker, '/swarm/unlock', 'POST', { UnlockKey: key.reveal() });
}

export async function updateNode(docker: Dockerode, id: string, change: { role?: Role; labels?: Record<string, string> }): Promise<void> {
  const node = docker.getNode(id);
  const cur: Json = await node.inspect();
  await node.update({
    version: cur.Version.Index,
    ...cur.Spec,
    ...(change.role ? { Role: change.role } : {}),
    ...(change.labels ? { Labels: change.labels } : {}),
  });
}

/** An Engine API error as one line, without dockerode's "(HTTP code 500) server error - " prefix. */
export function apiErrorLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0]!.replace(/^\(HTTP code \d+\) [a-z ]+ - /, '');
}
