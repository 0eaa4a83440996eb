// cluster.yaml → Inventory: parse (YAML) → schema (zod) → rules (cross-field) → normalise.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { ConfigError, UserError, type ConfigIssue } from '../errors.js';
import { clusterSchema, type ClusterFile } from './schema.js';
import type { Inventory } from './inventory.js';
import { lineOf, parseYaml, zodIssues, type ParsedYaml } from './yaml-issues.js';

export function loadInventory(path: string, cwd = process.cwd()): Inventory {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const shown = shownPath(path, cwd);
    throw new UserError(
      code === 'ENOENT' ? `no inventory at ${shown}` : `cannot read ${shown}: ${code ?? String(e)}`,
      'pass -c FILE, or create one with `swarmctl init` (for the local lab: `swarmctl lab up`, then -c lab/cluster.yaml)',
    );
  }
  return parseInventory(text, path, cwd);
}

export function parseInventory(text: string, path: string, cwd = process.cwd()): Inventory {
  const shown = shownPath(path, cwd);
  const { parsed, issues } = parseYaml(text, shown);
  if (issues.length) throw new ConfigError(issues);
  const result = clusterSchema.safeParse(parsed.doc.toJS());
  if (!result.success) throw new ConfigError(zodIssues(parsed, result.error));
  const ruleIssues = checkRules(result.data, parsed);
  if (ruleIssues.length) throw new ConfigError(ruleIssues);
  return normalise(result.data, path);
}

/** Relative to cwd when the file is below it; otherwise as an absolute path, not ../../x. */
function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : resolve(cwd, path);
}

function checkRules(c: ClusterFile, y: ParsedYaml): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = (key: 'name' | 'address' | 'meshAddress', what: string) => {
    const first = new Map<string, number>();
    c.nodes.forEach((n, i) => {
      const v = n[key];
      if (v === undefined) return;
      const prev = first.get(v);
      if (prev === undefined) first.set(v, i);
      else issues.push({ path: `nodes[${i}].${key}`, message: `duplicate ${what} '${v}' (also nodes[${prev}])`, file: y.file, line: lineOf(y, ['nodes', i, key]) });
    });
  };
  seen('name', 'node name');
  seen('address', 'address');
  seen('meshAddress', 'mesh address');
  if (!c.nodes.some((n) => n.role === 'manager')) {
    issues.push({ path: 'nodes', message: 'at least one node must have role "manager"', file: y.file, line: lineOf(y, ['nodes']) });
  }
  return issues;
}

function normalise(c: ClusterFile, file: string): Inventory {
  const dir = dirname(resolve(file));
  const abs = (p: string) => resolve(dir, p);
  return {
    cluster: c.cluster,
    file: resolve(file),
    dir,
    storePath: abs(c.store.path),
    ...(c.store.keyFile ? { storeKeyFile: abs(c.store.keyFile) } : {}),
    ssh: {
      strictHostKeyChecking: c.ssh.strictHostKeyChecking,
      connectTimeout: c.ssh.connectTimeout,
      ...(c.ssh.knownHosts ? { knownHosts: abs(c.ssh.knownHosts) } : {}),
    },
    mesh: c.mesh,
    swarm: c.swarm,
    nodes: c.nodes.map((n) => ({
      name: n.name,
      address: n.address,
      user: n.ssh.user,
      port: n.ssh.port,
      ...(n.ssh.identity ? { identity: abs(n.ssh.identity) } : {}),
      role: n.role,
      labels: n.labels,
      ...(n.meshAddress ? { meshAddress: n.meshAddress } : {}),
      ...(n.wireguardBackend ? { wireguardBackend: n.wireguardBackend } : {}),
    })),
  };
}
