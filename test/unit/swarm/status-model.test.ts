import { describe, expect, it } from 'vitest';
import { buildStatus, type NodeProbe } from '../../../src/swarm/status-model.js';
import { parseAllowedIps, parseLatestHandshakes } from '../../../src/swarm/handshake.js';
import type { SwarmMember } from '../../../src/swarm/model.js';

const probe = (n: number, up = true): NodeProbe => ({
  name: `node${n}`,
  role: 'manager',
  meshAddress: `10.99.0.${n}`,
  handshakes: [{ peer: 'x', ageS: 10 }],
  ...(up ? { engine: { name: `node${n}`, state: 'active', nodeId: `id${n}`, controlAvailable: true, nodeAddr: `10.99.0.${n}`, managersKnown: 3 }, engineVersion: '20.10.24' } : { engineError: 'connection refused' }),
});
const member = (n: number, reach: string, leader = false): SwarmMember => ({
  id: `id${n}`, version: 1, hostname: `node${n}`, role: 'manager', addr: `10.99.0.${n}`, labels: {}, availability: 'active',
  state: reach === 'reachable' ? 'ready' : 'down', leader, reachability: reach, engineVersion: '20.10.24',
});

describe('status model', () => {
  it('all up: leader named, no warnings', () => {
    const r = buildStatus([probe(1), probe(2), probe(3)], [member(1, 'reachable', true), member(2, 'reachable'), member(3, 'reachable')]);
    expect(r.leader).toBe('node1');
    expect(r.quorum).toMatchObject({ managers: 3, reachable: 3, margin: 1, holds: true });
    expect(r.warnings).toEqual([]);
    expect(r.rows[1]).toMatchObject({ managerStatus: 'reachable', availability: 'active', engineVersion: '20.10.24' });
  });

  it('one of three managers down: quorum holds with no margin', () => {
    const r = buildStatus([probe(1), probe(2), probe(3, false)], [member(1, 'reachable', true), member(2, 'reachable'), member(3, 'unreachable')]);
    expect(r.quorum).toMatchObject({ holds: true, margin: 0 });
    expect(r.warnings.join('\n')).toMatch(/no margin/);
    expect(r.rows[2]!.swarmState).toMatch(/unreachable/);
  });

  it('two down and no leader to list nodes: lost quorum from engine reports', () => {
    const r = buildStatus([probe(1), probe(2, false), probe(3, false)], undefined, 'The swarm does not have a leader');
    expect(r.quorum).toMatchObject({ managers: 3, reachable: 1, holds: false });
    expect(r.warnings[0]).toMatch(/QUORUM LOST/);
  });

  it('an engine that answers /version but not /info (raft waiting for a leader) still counts as a live manager', () => {
    const stuck: NodeProbe = { name: 'node1', role: 'manager', engineVersion: '20.10.24', swarmStuck: true };
    const r = buildStatus([stuck, probe(2, false), probe(3, false)], undefined, 'no answer');
    expect(r.quorum).toMatchObject({ managers: 3, reachable: 1, holds: false });
    expect(r.rows[0]!.swarmState).toBe('no answer (no leader?)');
  });

  it('flags stale handshakes and advertise addresses outside the mesh', () => {
    const p = { ...probe(1), handshakes: [{ peer: 'node2', ageS: 500 }, { peer: 'node3' }] };
    const r = buildStatus([p], [{ ...member(1, 'reachable', true), addr: '198.18.0.11' }]);
    expect(r.warnings.join('\n')).toMatch(/stale WireGuard handshake with node2 \(8m20s\), node3 \(never\)/);
    expect(r.warnings.join('\n')).toMatch(/advertises 198.18.0.11/);
  });

  it('says how to unlock a locked manager', () => {
    const locked = { ...probe(3), engine: { ...probe(3).engine!, state: 'locked' as const, controlAvailable: false } };
    const r = buildStatus([probe(1), probe(2), locked], [member(1, 'reachable', true), member(2, 'reachable'), member(3, 'unreachable')]);
    expect(r.warnings.join('\n')).toMatch(/node3: swarm is locked \(autolock\).*swarmctl bootstrap/);
  });

  it('parses wg show output into named handshake ages', () => {
    const names = new Map([['KEYA=', 'node2']]);
    expect(parseLatestHandshakes('KEYA=\t1000\nKEYBBBBBBBBB=\t0\n', 1030, names)).toEqual([{ peer: 'node2', ageS: 30 }, { peer: 'KEYBBBBB…' }]);
    expect(parseAllowedIps('KEYA=\t10.99.0.2/32\nKEYB=\t(none)\n')).toEqual(new Map([['KEYA=', '10.99.0.2']]));
  });
});
