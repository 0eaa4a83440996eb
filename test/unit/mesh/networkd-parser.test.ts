// The generated networkd files, fed to the real systemd-networkd parser (needs root).
import { describe, expect, it } from 'vitest';
import { canRunNetworkd, parseWithNetworkd, type ParserFile } from '../../helpers/networkd-parser.js';
import { allocateAddresses } from '../../../src/mesh/addressing.js';
import { buildModel } from '../../../src/mesh/model.js';
import { hostFiles } from '../../../src/mesh/files.js';
import { ensureKeys, loadKeys } from '../../../src/mesh/secrets.js';
import { NETWORKD_DIR } from '../../../src/mesh/render-networkd.js';
import { Secret } from '../../../src/util/redact.js';
import { MemoryStore, inventory, node } from './fixtures.js';

async function fiveNodeFiles(): Promise<ParserFile[][]> {
  const names = ['node1', 'node2', 'node3', 'node4', 'node5'];
  const inv = inventory(names.map((n, i) => node(n, `198.18.0.${11 + i}`)), { cidr6: 'fd99::/64' });
  const store = new MemoryStore();
  await ensureKeys(store, names);
  const keys = loadKeys(store, names);
  const model = buildModel(inv, allocateAddresses(inv.nodes, inv.mesh).addresses, keys.publicKey);
  return model.map((m) =>
    hostFiles('networkd', m, keys).map((f) => ({
      path: f.path.slice(NETWORKD_DIR.length + 1),
      content: f.content instanceof Secret ? f.content.reveal() : f.content,
      mode: f.mode,
      group: f.group,
    })),
  );
}

describe('systemd-networkd parser', () => {
  it('can run here (root; systemd installed by bootstrap/control-prereqs.sh), never silently skipped', () => {
    expect(canRunNetworkd()).toBe(true);
  });

  it('accepts every node of a 5-node mesh without a single warning', async () => {
    // Each run has its own network and mount namespace, so the five can run at once.
    const results = await Promise.all((await fiveNodeFiles()).map((files) => parseWithNetworkd(files)));
    for (const r of results) {
      expect(r.warnings).toEqual([]);
      expect(r.log).toContain('wg0: loaded "wireguard"');
      expect(r.log.some((l) => l.includes('Operation not supported'))).toBe(true);
    }
  }, 60_000);

  it.each([
    ['a broken pre-shared key', (f: ParserFile) => (f.path.includes('psk-node2') ? { ...f, content: 'notakey!\n' } : f), /Failed to read preshared key/],
    ['a broken public key', (f: ParserFile) => (f.path === 'wg0.netdev' ? { ...f, content: f.content.replace(/^PublicKey=.*$/m, 'PublicKey=AAAA') } : f), /PublicKey= has invalid length/],
    ['a world-readable private key', (f: ParserFile) => (f.path.endsWith('private.key') ? { ...f, mode: 0o644 } : f), /too permissive/],
    ['an unknown key', (f: ParserFile) => (f.path === 'wg0.netdev' ? { ...f, content: f.content.replace('[WireGuard]\n', '[WireGuard]\nBogus=1\n') } : f), /Unknown key 'Bogus'/],
  ])('reports %s (the check can fail)', async (_what, spoil, message) => {
    const files = (await fiveNodeFiles())[0]!.map(spoil);
    const r = await parseWithNetworkd(files);
    expect(r.warnings.join('\n')).toMatch(message);
  }, 30_000);
});
