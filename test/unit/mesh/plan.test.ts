import { describe, expect, it } from 'vitest';
import { allocateAddresses } from '../../../src/mesh/addressing.js';
import { buildModel, type NodeMesh } from '../../../src/mesh/model.js';
import { chooseBackend, isNoop, planHost } from '../../../src/mesh/diff.js';
import { hostFiles, modeOwner, sha256Of, type BackendKind, type MeshFile } from '../../../src/mesh/files.js';
import { ensureKeys, loadKeys, type MeshKeys } from '../../../src/mesh/secrets.js';
import { parseProbe, type LiveState } from '../../../src/mesh/remote-state.js';
import { backendFor } from '../../../src/mesh/backend.js';
import { MemoryStore, threeNodes } from './fixtures.js';

async function setup(): Promise<{ m: NodeMesh; keys: MeshKeys }> {
  const inv = threeNodes();
  const store = new MemoryStore();
  await ensureKeys(store, ['node1', 'node2', 'node3']);
  const keys = loadKeys(store, ['node1', 'node2', 'node3']);
  return { m: buildModel(inv, allocateAddresses(inv.nodes, inv.mesh).addresses, keys.publicKey)[0]!, keys };
}

/** The state a host reports when it already runs exactly `files` and `m`. */
function converged(m: NodeMesh, files: MeshFile[]): LiveState {
  return {
    now: 1000,
    kernelWireguard: false,
    networkdActive: false,
    systemd: false,
    files: new Map(files.map((f) => [f.path, { sha256: sha256Of(f.content), modeOwner: modeOwner(f) }])),
    keyFiles: files.filter((f) => f.path.includes('/psk-')).map((f) => f.path),
    link: { ifindex: 7, mtu: m.mtu, addresses: [...m.addresses] },
    iface: { publicKey: m.publicKey, listenPort: m.listenPort },
    peers: m.peers.map((p) => ({ publicKey: p.publicKey, endpoint: p.endpoint, allowedIps: [...p.allowedIps], latestHandshake: 990, rx: 1, tx: 1, keepalive: p.keepalive })),
  };
}

type Case = [string, BackendKind, (s: LiveState, m: NodeMesh) => void, string, RegExp | undefined];
const cases: Case[] = [
  ['converged: nothing to do', 'userspace', () => {}, 'none', undefined],
  ['converged (networkd): nothing to do', 'networkd', () => {}, 'none', undefined],
  ['no wg0 yet', 'userspace', (s) => delete s.link, 'create', /does not exist/],
  ['config changed on disk', 'userspace', (s) => s.files.set('/etc/wireguard/wg0.conf', { sha256: 'x', modeOwner: '600 root:root' }), 'sync', /file/],
  ['config mode loosened', 'userspace', (s) => s.files.set('/etc/wireguard/wg0.conf', { ...s.files.get('/etc/wireguard/wg0.conf')!, modeOwner: '644 root:root' }), 'sync', /file/],
  ['a peer missing live', 'userspace', (s) => s.peers.pop(), 'sync', /peers differ/],
  ['a stranger peer live', 'userspace', (s) => s.peers.push({ ...s.peers[0]!, publicKey: 'Z'.repeat(43) + '=' }), 'sync', /peers differ/],
  ['MTU drift (userspace needs a restart)', 'userspace', (s) => (s.link!.mtu = 1500), 'restart', /MTU 1500/],
  ['MTU drift (networkd updates in place)', 'networkd', (s) => (s.link!.mtu = 1500), 'sync', /MTU 1500/],
  ['address drift', 'userspace', (s) => (s.link!.addresses = ['10.99.0.9/24']), 'restart', /addresses/],
  ['another private key', 'userspace', (s) => (s.iface!.publicKey = 'Y'.repeat(43) + '='), 'sync', /another private key/],
  ['roamed endpoint only: not a change', 'userspace', (s) => (s.peers[0]!.endpoint = '203.0.113.9:4444'), 'none', undefined],
];

describe('planHost', () => {
  it.each(cases)('%s', async (_what, backend, mutate, action, reason) => {
    const { m, keys } = await setup();
    const files = hostFiles(backend, m, keys);
    const live = converged(m, files);
    mutate(live, m);
    const plan = planHost(m, backend, files, live);
    expect(plan.action).toBe(action);
    if (reason) expect(plan.reasons.join('; ')).toMatch(reason);
    else expect(isNoop(plan)).toBe(true);
  });

  it('uploads only changed files and removes stale PSK files (networkd)', async () => {
    const { m, keys } = await setup();
    const files = hostFiles('networkd', m, keys);
    const live = converged(m, files);
    live.files.set('/etc/systemd/network/wg0.netdev', { sha256: 'old', modeOwner: '644 root:root' });
    live.keyFiles.push('/etc/systemd/network/wg0-keys/psk-gone.key');
    const plan = planHost(m, 'networkd', files, live);
    expect(plan.upload.map((f) => f.path)).toEqual(['/etc/systemd/network/wg0.netdev']);
    expect(plan.remove).toEqual(['/etc/systemd/network/wg0-keys/psk-gone.key']);
  });

  it('networkd sync pushes peers with wg set reading keys from files, never key values', async () => {
    const { m, keys } = await setup();
    const live = converged(m, hostFiles('networkd', m, keys));
    const stranger = 'Z'.repeat(43) + '=';
    live.peers.push({ ...live.peers[0]!, publicKey: stranger });
    const plan = planHost(m, 'networkd', hostFiles('networkd', m, keys), live);
    const argv = backendFor('networkd').commands(m, plan).flatMap((c) => c.argv);
    expect(argv).toContain('/etc/systemd/network/wg0-keys/psk-node2.key');
    expect(argv.join(' ')).toContain(`peer ${stranger} remove`);
    for (const secret of [keys.privateKey('node1'), keys.psk('node1', 'node2'), keys.psk('node1', 'node3')]) expect(argv.join(' ')).not.toContain(secret.reveal());
  });

  it('userspace commands carry no key material in argv', async () => {
    const { m, keys } = await setup();
    for (const action of ['create', 'sync', 'restart'] as const) {
      const cmds = backendFor('userspace').commands(m, { action } as never);
      expect(cmds.length).toBeGreaterThan(0);
      expect(cmds.every((c) => c.stdin === undefined)).toBe(true);
      expect(JSON.stringify(cmds)).not.toContain(keys.privateKey('node1').reveal());
    }
  });

  it('checks that wg0 exists in its own command after wg-quick starts it, not after an in-place sync', () => {
    const steps = (action: 'create' | 'restart' | 'sync') => backendFor('userspace').commands({} as never, { action } as never).map((c) => c.argv[0]);
    expect(steps('create')).toEqual(['sh', 'test']);
    expect(steps('restart')).toEqual(['sh', 'test']);
    expect(steps('sync')).toEqual(['sh']);
  });

  it('chooses networkd only with the kernel module and a running networkd, unless forced', () => {
    const live = parseProbe('kernel\tyes\nnetworkd\tactive\n');
    expect(chooseBackend(undefined, live)).toBe('networkd');
    expect(chooseBackend('userspace', live)).toBe('userspace');
    expect(chooseBackend(undefined, parseProbe('kernel\tyes\nnetworkd\tinactive\n'))).toBe('userspace');
    expect(chooseBackend(undefined, parseProbe('kernel\tno\nnetworkd\tactive\n'))).toBe('userspace');
  });
});

describe('parseProbe', () => {
  it('reads files, link, interface and peers without any key column', () => {
    const s = parseProbe(
      [
        'now\t1700000100',
        'kernel\tno',
        'networkd\tinactive',
        'systemd\tno',
        'file\t/etc/wireguard/wg0.conf\tabc\t600 root:root',
        'file\t/etc/systemd/network/wg0.netdev\t-\t-',
        'link\t12\t1420',
        'addr\t10.99.0.1/24',
        'iface\tPUB=\t51820',
        'peer\tP2=\t198.18.0.12:51820\t10.99.0.2/32\t1700000090\t100\t200\t25',
        'peer\tP3=\t(none)\t10.99.0.3/32,fd99::3/128\t0\t0\t0\toff',
      ].join('\n'),
    );
    expect(s.files.get('/etc/wireguard/wg0.conf')).toEqual({ sha256: 'abc', modeOwner: '600 root:root' });
    expect(s.files.get('/etc/systemd/network/wg0.netdev')).toBeNull();
    expect(s.link).toEqual({ ifindex: 12, mtu: 1420, addresses: ['10.99.0.1/24'] });
    expect(s.peers[1]).toEqual({ publicKey: 'P3=', endpoint: undefined, allowedIps: ['10.99.0.3/32', 'fd99::3/128'], latestHandshake: 0, rx: 0, tx: 0, keepalive: 0 });
  });
});
