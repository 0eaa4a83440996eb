// applySwarm against fake engines that behave like a tiny swarm: call order, addresses, tokens
// into the store (never into output), and nothing done or written on a converged cluster.
import { describe, expect, it, vi } from 'vitest';
import type Dockerode from 'dockerode';
import { applySwarm } from '../../../src/swarm/apply.js';
import type { DesiredNode } from '../../../src/swarm/model.js';
import type { SwarmStore } from '../../../src/swarm/secrets.js';
import { Secret } from '../../../src/util/redact.js';

const TOKENS = { Manager: 'SWMTKN-1-manager-secret-token', Worker: 'SWMTKN-1-worker-secret-token' };

function fakeSwarm() {
  const calls: string[] = [];
  const override: Record<string, string> = {};
  const members = new Map<string, { id: string; role: string; addr: string; labels: Record<string, string>; version: number }>();
  let autolock = false;
  const engine = (name: string) => {
    const me = () => members.get(name);
    const join = (role: string, addr: string) => members.set(name, { id: `id-${name}`, role, addr, labels: {}, version: 1 });
    return {
      info: async () => ({ ServerVersion: '20.10', Swarm: override[name] ? { LocalNodeState: override[name], NodeID: `id-${name}` } : me() ? { LocalNodeState: 'active', NodeID: me()!.id, Cluster: { ID: 'c1' }, ControlAvailable: me()!.role === 'manager', NodeAddr: me()!.addr } : { LocalNodeState: 'inactive' } }),
      swarmInit: async (o: { AdvertiseAddr: string; DataPathAddr: string; ListenAddr: string; DefaultAddrPool: string[] }) => {
        calls.push(`init ${name} ${o.AdvertiseAddr} ${o.ListenAddr} ${o.DataPathAddr} ${o.DefaultAddrPool.join()}`);
        join('manager', o.DataPathAddr);
      },
      swarmLeave: async () => calls.push(`leave ${name}`),
      swarmJoin: async (o: { JoinToken: string; DataPathAddr: string; RemoteAddrs: string[] }) => {
        calls.push(`join ${name} ${o.DataPathAddr} via ${o.RemoteAddrs.join(',')}`);
        join(o.JoinToken === TOKENS.Manager ? 'manager' : 'worker', o.DataPathAddr);
        delete override[name];
      },
      swarmInspect: async () => ({ JoinTokens: TOKENS, Spec: { EncryptionConfig: { AutoLockManagers: autolock } }, Version: { Index: 1 } }),
      swarmUpdate: async (o: { EncryptionConfig: { AutoLockManagers: boolean } }) => {
        calls.push(`update autolock=${o.EncryptionConfig.AutoLockManagers}`);
        autolock = o.EncryptionConfig.AutoLockManagers;
      },
      listNodes: async () => [...members.entries()].map(([host, m]) => ({ ID: m.id, Version: { Index: m.version }, Description: { Hostname: host }, Spec: { Role: m.role, Labels: m.labels, Availability: 'active' }, Status: { State: 'ready', Addr: m.addr }, ...(m.role === 'manager' ? { ManagerStatus: { Reachability: 'reachable', Leader: host === 'node1' } } : {}) })),
      getNode: (id: string) => {
        const m = [...members.values()].find((x) => x.id === id)!;
        return { inspect: async () => ({ Version: { Index: m.version }, Spec: { Role: m.role, Labels: m.labels } }), update: async (o: { Labels: Record<string, string> }) => (calls.push(`labels ${id} ${JSON.stringify(o.Labels)}`), (m.labels = o.Labels)) };
      },
      modem: { dial: (_o: unknown, cb: (e: unknown, d: unknown) => void) => cb(null, { UnlockKey: 'SWMKEY-1-unlock-secret' }) },
    } as unknown as Dockerode;
  };
  return { calls, engine, override };
}

function fakeStore() {
  const values = new Map<string, string>();
  let transactions = 0;
  const store: SwarmStore = {
    has: (n) => values.has(n),
    get: (n) => new Secret(values.get(n)!),
    transaction: async (fn) => (transactions++, fn({ set: (n, v) => (values.set(n, String(v)), 1) })),
  };
  return { store, values, transactions: () => transactions };
}

const desired: DesiredNode[] = [
  { name: 'node1', role: 'manager', meshAddress: '10.99.0.1', labels: {} },
  { name: 'node2', role: 'manager', meshAddress: '10.99.0.2', labels: { zone: 'b' } },
  { name: 'node3', role: 'manager', meshAddress: '10.99.0.3', labels: {} },
  { name: 'node4', role: 'worker', meshAddress: '10.99.0.4', labels: {} },
];

describe('applySwarm', () => {
  it('inits on wg0, joins managers one by one and workers after, stores tokens, converges on re-run', async () => {
    const sw = fakeSwarm();
    const st = fakeStore();
    const deps = { docker: async (n: string) => sw.engine(n), store: st.store, progress: () => undefined };
    const settings = { defaultAddrPool: '10.200.0.0/16', autolock: false };
    const r = await applySwarm(desired, settings, deps, false);
    expect(sw.calls).toEqual([
      'init node1 10.99.0.1:2377 10.99.0.1:2377 10.99.0.1 10.200.0.0/16',
      'join node2 10.99.0.2 via 10.99.0.1:2377',
      'join node3 10.99.0.3 via 10.99.0.1:2377,10.99.0.2:2377',
      'join node4 10.99.0.4 via 10.99.0.1:2377,10.99.0.2:2377,10.99.0.3:2377',
      'labels id-node2 {"zone":"b","io.swarmctl.managed-labels":"zone"}',
    ]);
    expect(st.values.get('swarm/join-token/manager')).toBe(TOKENS.Manager);
    expect(JSON.stringify(r)).not.toMatch(/SWMTKN/);

    sw.calls.length = 0;
    const before = st.transactions();
    const again = await applySwarm(desired, settings, deps, false);
    expect(again.changes).toEqual([]);
    expect(sw.calls).toEqual([]);
    expect(st.transactions()).toBe(before);
  });

  it('dry run on fresh engines plans the same steps and calls nothing that changes state', async () => {
    const sw = fakeSwarm();
    const st = fakeStore();
    const r = await applySwarm(desired, { defaultAddrPool: '10.200.0.0/16', autolock: false }, { docker: async (n) => sw.engine(n), store: st.store, progress: () => undefined }, true);
    expect(sw.calls).toEqual([]);
    expect(st.transactions()).toBe(0);
    expect(r.changes.slice(0, 2)).toEqual(['node1: swarm init advertising/listening/data path on 10.99.0.1, default address pool 10.200.0.0/16', 'node2: join as manager on 10.99.0.2 via 10.99.0.1:2377']);
  });

  it('resets a half-joined node, but never one the swarm lists as a member', async () => {
    const sw = fakeSwarm();
    const deps = { docker: async (n: string) => sw.engine(n), store: fakeStore().store, progress: () => undefined };
    const settings = { defaultAddrPool: '10.200.0.0/16', autolock: false };
    await applySwarm(desired.slice(0, 1), settings, deps, false);
    sw.override.node2 = 'pending'; // a join killed half-way: not a member yet
    await applySwarm(desired.slice(0, 2), settings, deps, false);
    expect(sw.calls.slice(1)).toEqual(['leave node2', 'join node2 10.99.0.2 via 10.99.0.1:2377', 'labels id-node2 {"zone":"b","io.swarmctl.managed-labels":"zone"}']);

    sw.calls.length = 0;
    sw.override.node2 = 'error'; // a member whose engine reports an error: leaving could cost quorum
    await expect(applySwarm(desired.slice(0, 2), settings, deps, false)).rejects.toThrow(/lists it as a member; not resetting it automatically/);
    expect(sw.calls).toEqual([]);
  });

  it('autolock: enables it once and keeps the unlock key in the store', async () => {
    const sw = fakeSwarm();
    const st = fakeStore();
    const deps = { docker: async (n: string) => sw.engine(n), store: st.store, progress: () => undefined };
    await applySwarm(desired.slice(0, 1), { defaultAddrPool: '10.200.0.0/16', autolock: false }, deps, false);
    const r = await applySwarm(desired.slice(0, 1), { defaultAddrPool: '10.200.0.0/16', autolock: true }, deps, false);
    expect(r.changes).toContain('autolock enabled');
    expect(st.values.get('swarm/unlock-key')).toBe('SWMKEY-1-unlock-secret');
    expect(sw.calls.filter((c) => c.startsWith('update'))).toEqual(['update autolock=true']);
  });
  it('names every node whose join failed (Engine API errors name none)', async () => {
    const sw = fakeSwarm();
    const failing = (n: string) => {
      const e = sw.engine(n);
      if (n === 'node4' || n === 'node5') (e as unknown as { swarmJoin: () => Promise<void> }).swarmJoin = async () => { throw new Error('(HTTP code 500) server error - Timeout was reached before node joined'); };
      return e;
    };
    const five = [...desired, { name: 'node5', role: 'worker' as const, meshAddress: '10.99.0.5', labels: {} }];
    const deps = { docker: async (n: string) => failing(n), store: fakeStore().store, progress: () => undefined };
    const err = await applySwarm(five, { defaultAddrPool: '10.200.0.0/16', autolock: false }, deps, false).catch((e: Error) => e);
    expect(String(err)).toMatch(/2 workers did not join: node4: Timeout was reached before node joined; node5: Timeout/);
  });

  it('autolock at init: the unlock key is in the store before any later step can fail', async () => {
    const sw = fakeSwarm();
    const st = fakeStore();
    const lostOn2 = (n: string) => {
      const e = sw.engine(n);
      if (n === 'node2') (e as unknown as { swarmJoin: () => Promise<void> }).swarmJoin = async () => { throw new Error('ssh: connection lost'); };
      return e;
    };
    const deps = { docker: async (n: string) => lostOn2(n), store: st.store, progress: () => undefined };
    await expect(applySwarm(desired.slice(0, 2), { defaultAddrPool: '10.200.0.0/16', autolock: true }, deps, false)).rejects.toThrow(/node2: ssh: connection lost/);
    expect(sw.calls).toEqual(['init node1 10.99.0.1:2377 10.99.0.1:2377 10.99.0.1 10.200.0.0/16']);
    expect(st.values.get('swarm/unlock-key')).toBe('SWMKEY-1-unlock-secret');
  });
  it('a hung engine (GET /info never answers) is reported unreachable, not waited on forever', async () => {
    vi.useFakeTimers();
    try {
      const sw = fakeSwarm();
      const hung = (n: string) => {
        const e = sw.engine(n);
        if (n === 'node2') (e as unknown as { info: () => Promise<never> }).info = () => new Promise<never>(() => undefined);
        return e;
      };
      const deps = { docker: async (n: string) => hung(n), store: fakeStore().store, progress: () => undefined };
      const run = applySwarm(desired, { defaultAddrPool: '10.200.0.0/16', autolock: false }, deps, true).catch((e: Error) => e);
      await vi.advanceTimersByTimeAsync(31_000);
      expect(String(await run)).toMatch(/node2: Docker engine not reachable/);
    } finally {
      vi.useRealTimers();
    }
  });
});
