// The swarm step: observe every engine, plan, then act through the Engine API in plan order.
// Each action is idempotent on its own and the plan is recomputed from live state on every run,
// so a run killed anywhere resumes where the swarm actually is.
import type Dockerode from 'dockerode';
import { OperationError, SwarmctlError } from '../errors.js';
import { describeMembership, describeNode } from './model.js';
import * as engine from './engine.js';
import { withTimeout } from '../util/timeout.js';
import type { DesiredNode, EngineSwarmState, MembershipAction, NodeAction, SwarmMember } from './model.js';
import { matchMembers, planNodes } from './node-plan.js';
import { planMembership } from './plan.js';
import { saveSwarmSecrets, UNLOCK_KEY_NAME, type SwarmStore } from './secrets.js';
import { SUBNET_SIZE } from './address-pool.js';
import { waitForMembers } from './verify.js';

export interface SwarmSettings {
  defaultAddrPool: string;
  autolock: boolean;
}

export interface SwarmDeps {
  docker(node: string): Promise<Dockerode>;
  store: SwarmStore;
  progress(text: string): void;
}

export interface SwarmResult {
  changes: string[];
  warnings: string[];
}

// GET /info waits on raft for up to ~20 s when there is no leader; past this the engine is hung.
const INFO_TIMEOUT_MS = 30_000;

export async function observeEngines(names: string[], docker: SwarmDeps['docker']): Promise<EngineSwarmState[]> {
  return Promise.all(
    names.map((name) =>
      withTimeout(docker(name).then((d) => engine.engineState(name, d)), INFO_TIMEOUT_MS, 'no answer').catch((): EngineSwarmState => ({ name, state: 'unreachable', controlAvailable: false })),
    ),
  );
}

// A member's engine restarting (reboot, dockerd restart) reports 'pending' until its agent has
// reconnected to the managers, a few seconds after raft already counts it reachable.
const RESTART_SETTLE_MS = 60_000;

/**
 * Re-observes while an engine reports 'pending' although the swarm lists it as a member: that is a
 * member still starting up, not a half-done join, and it settles by itself. Bounded; a member still
 * pending afterwards (or in 'error') is reported by the join step and never reset automatically.
 */
async function settleRestartingMembers(names: string[], engines: EngineSwarmState[], deps: SwarmDeps, timeoutMs = RESTART_SETTLE_MS): Promise<EngineSwarmState[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const unsettled = engines.filter((e) => e.state === 'pending' && e.nodeId);
    if (unsettled.length === 0) return engines;
    const ids = await memberIds(engines, deps).catch(() => new Set<string>());
    const restarting = unsettled.filter((e) => ids.has(e.nodeId!));
    if (restarting.length === 0 || Date.now() > deadline) return engines;
    deps.progress(`waiting: ${restarting.map((e) => `${e.name} is a member still starting (${e.state})`).join('; ')}`);
    await new Promise((r) => setTimeout(r, 1000));
    engines = await observeEngines(names, deps.docker);
  }
}

export async function applySwarm(desired: DesiredNode[], s: SwarmSettings, deps: SwarmDeps, dryRun: boolean): Promise<SwarmResult> {
  const names = desired.map((d) => d.name);
  let engines = await settleRestartingMembers(names, await observeEngines(names, deps.docker), deps);
  const plan = planMembership(desired, engines);
  if (plan.blockers.length) throw new OperationError(`swarm: ${plan.blockers.join('; ')}`, 'nothing was changed in the swarm; fix the above and run `swarmctl bootstrap` again');
  const changes = plan.actions.map((a) => describeMembership(a, s.defaultAddrPool));
  if (dryRun) return { changes: [...changes, ...(await dryRunNodes(desired, engines, deps))], warnings: plan.warnings };

  await runMembership(plan.actions, engines, s, deps);
  if (plan.actions.length) engines = await observeEngines(names, deps.docker);
  const manager = engines.find((e) => e.controlAvailable && e.state === 'active');
  if (!manager) throw new OperationError('swarm: no manager answers after membership changes', 'run `swarmctl status`');
  const api = await deps.docker(manager.name);
  const ids = new Map(engines.filter((e) => e.nodeId).map((e) => [e.name, e.nodeId!]));
  const members = await waitForMembers(api, desired, ids, deps.progress);

  const matched = matchMembers(desired, members, ids);
  for (const a of planNodes(desired, matched)) {
    deps.progress(describeNode(a));
    const m = matched.get(a.node)!;
    await onNode(a.node, () => engine.updateNode(api, m.id, a.kind === 'role' ? { role: a.to } : { labels: labelsAfter(m, a) }));
    changes.push(describeNode(a));
  }

  const info = await engine.swarmInfo(api);
  if (info.autolock !== s.autolock) {
    await engine.setAutolock(api, info, s.autolock);
    changes.push(`autolock ${s.autolock ? 'enabled' : 'disabled'}`);
  }
  const saved = await saveSwarmSecrets(deps.store, {
    tokens: info.tokens,
    ...(s.autolock ? { unlockKey: await engine.unlockKey(api) } : {}),
  });
  if (saved.length) changes.push(`store: ${saved.join(', ')} updated`);
  return { changes, warnings: plan.warnings };
}

/** Engine API errors name no node; a failed action says which node it was on. */
async function onNode<T>(node: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof SwarmctlError) throw e;
    throw new OperationError(`${node}: ${engine.apiErrorLine(e)}`, 'run `swarmctl status`, fix the cause and run `swarmctl bootstrap` again', { cause: e });
  }
}

function labelsAfter(m: SwarmMember, a: Extract<NodeAction, { kind: 'labels' }>): Record<string, string> {
  const next = { ...m.labels, ...a.set };
  for (const k of a.remove) delete next[k];
  return next;
}

async function runMembership(actions: MembershipAction[], engines: EngineSwarmState[], s: SwarmSettings, deps: SwarmDeps): Promise<void> {
  let tokens: engine.SwarmInfo['tokens'] | undefined;
  const tokenSource = async () => {
    if (tokens) return tokens;
    const fresh = await observeEngines(engines.map((e) => e.name), deps.docker);
    const m = fresh.find((e) => e.controlAvailable && e.state === 'active');
    if (!m) throw new OperationError('swarm: no manager can hand out join tokens (quorum lost?)', 'run `swarmctl status`');
    tokens = (await engine.swarmInfo(await deps.docker(m.name))).tokens;
    // Kept in the store at once: a run killed right after still leaves them where they belong.
    await saveSwarmSecrets(deps.store, { tokens });
    return tokens;
  };
  const joinOne = (a: Extract<MembershipAction, { kind: 'join' }>) => onNode(a.node, async () => {
    deps.progress(describeMembership(a));
    const d = await deps.docker(a.node);
    const e = engines.find((x) => x.name === a.node);
    if (e?.state === 'pending' || e?.state === 'error') {
      // Reset only a node the swarm does not count as a member: leaving a real manager would cost quorum.
      if (e.nodeId && (await memberIds(engines, deps)).has(e.nodeId)) {
        throw new OperationError(`${a.node}: its engine reports '${e.state}' but the swarm lists it as a member; not resetting it automatically`, `inspect it (docker info on ${a.node}); if it must rejoin: demote it, docker swarm leave, then bootstrap`);
      }
      await engine.abandonPendingJoin(d);
    }
    await engine.joinSwarm(d, a.address, a.via, (await tokenSource())[a.role]);
  });
  const workers: Array<Extract<MembershipAction, { kind: 'join' }>> = [];
  for (const a of actions) {
    if (a.kind === 'init') {
      deps.progress(describeMembership(a, s.defaultAddrPool));
      await onNode(a.node, async () => {
        const d = await deps.docker(a.node);
        await engine.initSwarm(d, { address: a.address, defaultAddrPool: s.defaultAddrPool, subnetSize: SUBNET_SIZE, autolock: s.autolock });
        // The key is stored before anything else can fail: a manager restarting locked while the
        // key existed only on the hosts would be locked out for good.
        if (s.autolock) await saveSwarmSecrets(deps.store, { unlockKey: await engine.unlockKey(d) });
      });
    } else if (a.kind === 'unlock') {
      if (!deps.store.has(UNLOCK_KEY_NAME)) throw new OperationError(`${a.node}: the swarm is locked and the store has no ${UNLOCK_KEY_NAME}`, 'unlock it by hand: docker swarm unlock');
      deps.progress(describeMembership(a));
      await onNode(a.node, async () => engine.unlockSwarm(await deps.docker(a.node), deps.store.get(UNLOCK_KEY_NAME)));
    } else if (a.role === 'manager') await joinOne(a);
    else workers.push(a);
  }
  // Workers do not change raft membership: they may join together. Every failure is named.
  const failed = (await Promise.allSettled(workers.map(joinOne))).flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (failed.length === 1) throw failed[0];
  if (failed.length) throw new OperationError(`swarm: ${failed.length} workers did not join: ${failed.map((e) => e.message).join('; ')}`, 'run `swarmctl status`, fix the cause and run `swarmctl bootstrap` again');
}

async function memberIds(engines: EngineSwarmState[], deps: SwarmDeps): Promise<Set<string>> {
  const m = engines.find((e) => e.controlAvailable && e.state === 'active');
  return new Set(m ? (await engine.listMembers(await deps.docker(m.name))).map((x) => x.id) : []);
}

async function dryRunNodes(desired: DesiredNode[], engines: EngineSwarmState[], deps: SwarmDeps): Promise<string[]> {
  const manager = engines.find((e) => e.controlAvailable && e.state === 'active');
  const members = manager ? await engine.listMembers(await deps.docker(manager.name)) : [];
  const ids = new Map(engines.filter((e) => e.nodeId).map((e) => [e.name, e.nodeId!]));
  return planNodes(desired, matchMembers(desired, members, ids)).map(describeNode);
}
