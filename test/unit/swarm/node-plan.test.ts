import { describe, expect, it } from 'vitest';
import { MANAGED_KEY, desiredLabels, matchMembers, planNodes } from '../../../src/swarm/node-plan.js';
import type { DesiredNode, SwarmMember } from '../../../src/swarm/model.js';

const m = (id: string, hostname: string, role: 'manager' | 'worker', labels: Record<string, string> = {}): SwarmMember => ({
  id, version: 1, hostname, role, addr: '10.99.0.1', labels, availability: 'active', state: 'ready', leader: false,
});

describe('node plan', () => {
  it('adds inventory labels and remembers which keys it owns', () => {
    expect(desiredLabels({ 'team': 'x' }, { zone: 'a' })).toEqual({ team: 'x', zone: 'a', [MANAGED_KEY]: 'zone' });
  });

  it('removes a label it set before once the inventory drops it, never a foreign one', () => {
    expect(desiredLabels({ zone: 'a', disk: 'ssd', team: 'x', [MANAGED_KEY]: 'disk,zone' }, { zone: 'b' })).toEqual({ zone: 'b', team: 'x', [MANAGED_KEY]: 'zone' });
  });

  it('plans promotions before demotions, and no label change when converged', () => {
    const desired: DesiredNode[] = [
      { name: 'a', role: 'worker', meshAddress: '10.99.0.1', labels: {} },
      { name: 'b', role: 'manager', meshAddress: '10.99.0.2', labels: { zone: 'z' } },
    ];
    const members = new Map([
      ['a', m('1', 'a', 'manager')],
      ['b', m('2', 'b', 'worker', { zone: 'z', [MANAGED_KEY]: 'zone' })],
    ]);
    expect(planNodes(desired, members)).toEqual([
      { kind: 'role', node: 'b', from: 'worker', to: 'manager' },
      { kind: 'role', node: 'a', from: 'manager', to: 'worker' },
    ]);
  });

  it('matches members by node id first, hostname otherwise', () => {
    const desired: DesiredNode[] = [
      { name: 'a', role: 'manager', meshAddress: '', labels: {} },
      { name: 'b', role: 'manager', meshAddress: '', labels: {} },
    ];
    const got = matchMembers(desired, [m('x1', 'other', 'manager'), m('x2', 'b', 'manager')], new Map([['a', 'x1']]));
    expect([...got.entries()].map(([k, v]) => `${k}=${v.id}`)).toEqual(['a=x1', 'b=x2']);
  });
});
