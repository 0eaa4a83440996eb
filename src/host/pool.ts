// One Host per inventory node, created on first use and closed together.
import type { Inventory, NodeSpec } from '../config/inventory.js';
import type { Host } from './host.js';
import { SshHost } from './ssh.js';

export class HostPool {
  readonly #hosts = new Map<string, Host>();
  constructor(
    private readonly inv: Inventory,
    private readonly make: (n: NodeSpec) => Host = (n) => new SshHost(n, inv.ssh),
  ) {}

  get(name: string): Host {
    let h = this.#hosts.get(name);
    if (!h) {
      const node = this.inv.nodes.find((n) => n.name === name);
      if (!node) throw new Error(`no node named ${name} in the inventory`);
      h = this.make(node);
      this.#hosts.set(name, h);
    }
    return h;
  }

  all(): Host[] {
    return this.inv.nodes.map((n) => this.get(n.name));
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#hosts.values()].map((h) => h.close()));
    this.#hosts.clear();
  }
}
