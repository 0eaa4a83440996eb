import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/doctor/evaluate.js';
import { parseProbe } from '../../../src/doctor/probe.js';

// What the probe prints on a lab node: userspace WireGuard, no IPVS, nothing listening on swarm ports.
const LAB = `uid=0
os=Debian GNU/Linux 12 (bookworm)
wg_kernel=no
wireguard_go=yes
wg_tools=yes
tun=yes
ipvs=no
vxlan=yes
networkd=yes
systemd_pid1=no
listen=tcp/22/sshd
time=1700000000.5
`;
const docker = { version: '20.10.24', apiVersion: '1.41' };
const byCheck = (out: ReturnType<typeof evaluate>) => Object.fromEntries(out.map((f) => [f.check, f.status]));

describe('doctor verdicts', () => {
  it('a lab node: userspace WireGuard, IPVS missing as a warning, the rest ok', () => {
    const out = evaluate(parseProbe(LAB), docker, 0.05);
    expect(byCheck(out)).toEqual({ root: 'ok', docker: 'ok', wireguard: 'ok', ipvs: 'warn', vxlan: 'ok', networkd: 'ok', clock: 'ok', ports: 'ok' });
    expect(out.find((f) => f.check === 'wireguard')!.detail).toContain('userspace');
    expect(out.find((f) => f.check === 'ipvs')!.detail).toContain('dnsrr');
  });

  it('the kernel module selects networkd', () => {
    const out = evaluate(parseProbe(LAB.replace('wg_kernel=no', 'wg_kernel=yes')), docker, 0);
    expect(out.find((f) => f.check === 'wireguard')!.detail).toContain('networkd');
  });

  it('no WireGuard at all is blocking and says what is missing', () => {
    const out = evaluate(parseProbe(LAB.replace('wireguard_go=yes', 'wireguard_go=no')), docker, 0);
    const wg = out.find((f) => f.check === 'wireguard')!;
    expect(wg.status).toBe('fail');
    expect(wg.detail).toContain('wireguard-go');
  });

  it('a port held by something else is blocking; swarm and WireGuard holding theirs is fine', () => {
    const busy = evaluate(parseProbe(`${LAB}listen=tcp/2377/nginx\n`), docker, 0);
    expect(busy.find((f) => f.check === 'ports')).toMatchObject({ status: 'fail', detail: '2377/tcp (swarm control plane) held by nginx' });
    const ours = evaluate(parseProbe(`${LAB}listen=tcp/2377/dockerd\nlisten=udp/51820/wireguard-go\nlisten=udp/4789/\n`), docker, 0);
    expect(ours.find((f) => f.check === 'ports')!.status).toBe('ok');
  });

  it('clock skew: warn from 1 s, fail from 30 s', () => {
    const clock = (s: number) => evaluate(parseProbe(LAB), docker, s).find((f) => f.check === 'clock')!.status;
    expect([clock(0.9), clock(-1.5), clock(29), clock(-31)]).toEqual(['ok', 'warn', 'warn', 'fail']);
  });

  it('docker unreachable or too old is blocking', () => {
    expect(evaluate(parseProbe(LAB), new Error('connect ENOENT'), 0).find((f) => f.check === 'docker')!.status).toBe('fail');
    expect(evaluate(parseProbe(LAB), { version: '19.03', apiVersion: '1.40' }, 0).find((f) => f.check === 'docker')!.status).toBe('fail');
  });

  it('not root is blocking', () => {
    expect(evaluate(parseProbe(LAB.replace('uid=0', 'uid=1000')), docker, 0)[0]).toMatchObject({ check: 'root', status: 'fail' });
  });
});
