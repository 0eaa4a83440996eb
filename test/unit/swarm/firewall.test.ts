import { describe, expect, it } from 'vitest';
import { forwardRules, inputRules, restoreFragment, expectedListing, INPUT_CHAIN, FORWARD_CHAIN, jumpCheck, jumpInsert, JUMPS } from '../../../src/swarm/firewall.js';
import { firewallScript, firewallUnit, SCRIPT_PATH } from '../../../src/swarm/firewall-script.js';

describe('firewall rules', () => {
  it('accepts every swarm port on wg0 and drops it elsewhere, in that order', () => {
    const rules = inputRules().map((r) => r.join(' '));
    expect(rules).toEqual([
      '-i lo -p tcp -m tcp --dport 2377 -j RETURN',
      '-i wg0 -p tcp -m tcp --dport 2377 -j ACCEPT',
      '-p tcp -m tcp --dport 2377 -j DROP',
      '-i lo -p tcp -m tcp --dport 7946 -j RETURN',
      '-i wg0 -p tcp -m tcp --dport 7946 -j ACCEPT',
      '-p tcp -m tcp --dport 7946 -j DROP',
      '-i lo -p udp -m udp --dport 7946 -j RETURN',
      '-i wg0 -p udp -m udp --dport 7946 -j ACCEPT',
      '-p udp -m udp --dport 7946 -j DROP',
      '-i lo -p udp -m udp --dport 4789 -j RETURN',
      '-i wg0 -p udp -m udp --dport 4789 -j ACCEPT',
      '-p udp -m udp --dport 4789 -j DROP',
    ]);
  });

  it('drops published (DNATed) swarm ports in DOCKER-USER unless they arrive on the mesh', () => {
    expect(forwardRules({ meshIface: 'wg1' }).map((r) => r.join(' '))).toContain('! -i wg1 -p udp -m conntrack --ctstate DNAT --ctorigdstport 4789 -j DROP');
    expect(forwardRules()).toHaveLength(4);
  });

  it('renders one restore fragment that declares (and so flushes) only our chains', () => {
    const f = restoreFragment();
    expect(f.split('\n').slice(0, 3)).toEqual(['*filter', `:${INPUT_CHAIN} - [0:0]`, `:${FORWARD_CHAIN} - [0:0]`]);
    expect(f).not.toMatch(/^:INPUT|^:DOCKER-USER|^-F/m);
    expect(f.trimEnd().endsWith('COMMIT')).toBe(true);
    expect(f.match(/^-A /gm)).toHaveLength(16);
  });

  it('expects iptables -S listings that begin with the chain and list every rule', () => {
    const l = expectedListing();
    expect(l[INPUT_CHAIN]!.split('\n')[0]).toBe(`-N ${INPUT_CHAIN}`);
    expect(l[FORWARD_CHAIN]!.split('\n')).toHaveLength(5);
  });

  it('hooks our chains at the top of INPUT and DOCKER-USER idempotently (-C before -I)', () => {
    expect(JUMPS.map(jumpCheck)).toEqual([
      ['iptables', '-w', '-C', 'INPUT', '-j', INPUT_CHAIN],
      ['iptables', '-w', '-C', 'DOCKER-USER', '-j', FORWARD_CHAIN],
    ]);
    expect(jumpInsert(JUMPS[0]!)).toEqual(['iptables', '-w', '-I', 'INPUT', '1', '-j', INPUT_CHAIN]);
  });

  it('host script checks before applying, supports --check, and persists through a unit', () => {
    const s = firewallScript();
    expect(s.indexOf('echo unchanged')).toBeLessThan(s.indexOf('iptables-restore'));
    expect(s).toContain('--check');
    expect(s).toContain('iptables -w -C INPUT -j SWARMCTL-INPUT 2>/dev/null || iptables -w -I INPUT 1 -j SWARMCTL-INPUT');
    expect(firewallUnit()).toContain(`ExecStart=${SCRIPT_PATH}`);
    expect(firewallUnit()).toMatch(/Before=.*docker\.service/);
  });
});
