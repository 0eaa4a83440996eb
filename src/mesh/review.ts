// The reviewable, non-secret copy of every node's mesh files under <inventory dir>/networkd/,
// so a change to the mesh shows up in `git diff` before it reaches a host.
import { existsSync, readFileSync, readdirSync, rmSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { NodeMesh } from './model.js';
import { renderNetdev, renderNetwork } from './render-networkd.js';
import { renderWgQuickReview } from './render-wgquick.js';

export const REVIEW_FILES = ['wg0.netdev', 'wg0.network', 'wg0.conf'] as const;

export function reviewFiles(node: NodeMesh): Array<{ name: string; content: string }> {
  return [
    { name: 'wg0.netdev', content: renderNetdev(node) },
    { name: 'wg0.network', content: renderNetwork(node) },
    { name: 'wg0.conf', content: renderWgQuickReview(node) },
  ];
}

/** Writes changed files only (mtimes stay put otherwise); returns the paths written or removed. */
export function writeReviewFiles(inventoryDir: string, nodes: NodeMesh[]): string[] {
  const root = join(inventoryDir, 'networkd');
  const touched: string[] = [];
  for (const node of nodes) {
    for (const f of reviewFiles(node)) {
      const path = join(root, node.name, f.name);
      if (existsSync(path) && readFileSync(path, 'utf8') === f.content) continue;
      writeFileAtomic(path, f.content, 0o644);
      touched.push(path);
    }
  }
  // A node that left the inventory: remove only the files this module writes.
  const names = new Set(nodes.map((n) => n.name));
  const dirs = existsSync(root) ? readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && !names.has(d.name)) : [];
  for (const d of dirs) {
    for (const f of REVIEW_FILES) {
      const path = join(root, d.name, f);
      if (existsSync(path)) {
        rmSync(path);
        touched.push(path);
      }
    }
    if (readdirSync(join(root, d.name)).length === 0) rmdirSync(join(root, d.name));
  }
  return touched;
}
