import { describe, expect, it } from 'vitest';
import { planMembership } from '../../../src/swarm/plan.js';
import type { DesiredNode, EngineSwarmState } from '../../../src/swarm/model.js';

const desired: DesiredNode[] = [
  { name: 'node1', role: 'manager', meshAddress: '10.99.0.1', labels: {} },
  { name: 'node2', role: 'manager', meshAddress: '10.99.0.2', labels: {} },
  { name: 'node3', role: 'manager', meshAddress: '10.99.0.3', labels: {} },
  { name: 'node4', role: 'worker', meshAddress: '10.99.0.4', labels: {} },
];
const fresh = (name: string): EngineSwarmState => ({ name, state: 'inactive', controlAvailable: false });
const member = (name: string, addr: string, manager = true): EngineSwarmState => ({ name, state: 'active', clusterId: 'c1', nodeId: `id-${name}`, controlAvailable: manager, nodeAddr: addr });

describe('planMembership', () => {
  it('fresh nodes: init on the first manager, managers join one after another, then workers', () => {
    const p = planMembership(desired, desired.map((d) => fresh(d.name)));
    expect(p.blockers).toEqual([]);
    expect(p.actions).toEqual([
      { kind: 'init', node: 'node1', address: '10.99.0.1' },
      { kind: 'join', node: 'node2', role: 'manager', address: '10.99.0.2', via: ['10.99.0.1:2377'] },
      { kind: 'join', node: 'node3', role: 'manager', address: '10.99.0.3', via: ['10.99.0.1:2377', '10.99.0.2:2377'] },
      { kind: 'join', node: 'node4', role: 'worker', address: '10.99.0.4', via: ['10.99.0.1:2377', '10.99.0.2:2377', '10.99.0.3:2377'] },
    ]);
  });

  it('converged: nothing to do', () => {
    const engines = desired.map((d) => member(d.name, d.meshAddress, d.role === 'manager'));
    expect(planMembership(desired, engines)).toEqual({ actions: [], blockers: [], warnings: [] });
  });

  it('resumes a run killed after init: only the missing nodes join, through the existing manager', () => {
    const engines = [member('node1', '10.99.0.1'), fresh('node2'), { ...fresh('node3'), state: 'pending' as const }, fresh('node4')];
    const p = planMembership(desired, engines);
    expect(p.actions.map((a) => `${a.kind}:${a.node}`)).toEqual(['join:node2', 'join:node3', 'join:node4']);
    expect(p.actions[0]).toMatchObject({ via: ['10.99.0.1:2377'] });
  });

  it('a locked manager is unlocked, not re-joined', () => {
    const engines = [member('node1', '10.99.0.1'), { ...member('node2', '10.99.0.2'), state: 'locked' as const, controlAvailable: false }, member('node3', '10.99.0.3'), member('node4', '10.99.0.4', false)];
    expect(planMembership(desired, engines).actions).toEqual([{ kind: 'unlock', node: 'node2' }]);
  });

  it('blocks (never forces) when nodes are in different swarms or advertise outside the mesh', () => {
    const engines = [member('node1', '10.99.0.1'), { ...member('node2', '10.99.0.2'), clusterId: 'c2' }, fresh('node3'), fresh('node4')];
    const p = planMembership(desired, engines);
    expect(p.actions).toEqual([]);
    expect(p.blockers.join()).toMatch(/2 different swarms/);
    const wrong = planMembership(desired, [member('node1', '198.18.0.11:2377'), fresh('node2'), fresh('node3'), fresh('node4')]);
    expect(wrong.blockers.join()).toMatch(/advertising 198.18.0.11:2377, not its mesh address 10.99.0.1/);
  });

  it('blocks on an unreachable engine and warns on an even manager count', () => {
    const p = planMembership(desired.slice(0, 2), [fresh('node1'), { name: 'node2', state: 'unreachable', controlAvailable: false }]);
    expect(p.blockers).toEqual(['node2: Docker engine not reachable']);
    expect(p.warnings.join()).toMatch(/2 managers/);
  });
});
