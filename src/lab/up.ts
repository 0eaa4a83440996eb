// `lab up`: converge DIR's lab to N running nodes. Every step checks before it acts, so a second
// run with everything in place only inspects (no container is replaced, no file rewritten).
import { Listr, type ListrTask } from 'listr2';
import type { Context } from '../cli/command.js';
import { rendererFor } from '../ui/tasks.js';
import { containersLabelled, dockerOk, requireEngine } from './docker.js';
import { ensureDir, ensureSshKey, ensureStoreKey, writeClusterYaml, writeKnownHosts } from './files.js';
import { currentTags, ensureAppImage, ensureNodeImage } from './images.js';
import { LAB_LABEL, labId, labNodes, networkName, type LabNode } from './naming.js';
import { ensureNetwork } from './network.js';
import { ensureContainer, loadAppImage, provision, waitReady, type NodeSetup } from './nodes.js';
import { readState, writeState, type LabState } from './state.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_FILES } from './cluster-yaml.js';
import { withLabLock } from './lock.js';

export interface UpResult {
  state: LabState;
  changed: string[];
  versions: Record<string, string>;
}

export async function labUp(ctx: Context, dir: string, count: number): Promise<UpResult> {
  await requireEngine();
  const id = labId(dir);
  return withLabLock(id, dir, () => converge(ctx, dir, id, count));
}

async function converge(ctx: Context, dir: string, id: string, count: number): Promise<UpResult> {
  const previous = readState(dir);
  const changed: string[] = [];
  const hostKeys = new Map<string, string[]>();
  const versions: Record<string, string> = {};
  let state!: LabState;
  let setup!: NodeSetup;
  let nodes: LabNode[] = [];

  const nodeTasks = (work: (n: LabNode) => Promise<string | void>): ListrTask[] =>
    nodes.map((n) => ({ title: n.name, task: async (_c, t) => void (t.title = `${n.name}: ${(await work(n)) ?? 'ok'}`) }));

  const tasks = new Listr(
    [
      {
        title: 'Images',
        task: async (_c, t) => {
          const tags = await currentTags();
          const node = await ensureNodeImage(tags, (s) => (t.output = s));
          const app = await ensureAppImage(tags);
          if (node === 'built' || app === 'built') changed.push('images');
          t.title = `Images: ${tags.node} (${node}), ${tags.app} (${app})`;
          state = { version: 1, id, dir, network: networkName(id), subnet: '', createdDir: false, nodeImage: tags.node, appImage: tags.app, nodes: [] };
        },
      },
      {
        title: 'Lab keys',
        task: async (_c, t) => {
          const createdDir = ensureDir(dir) || (previous?.createdDir ?? false);
          const pubKey = await ensureSshKey(dir);
          ensureStoreKey(dir);
          state.createdDir = createdDir;
          setup = { id, network: state.network, image: state.nodeImage, appImage: state.appImage, pubKey, dir };
          t.title = `Lab keys in ${dir} (SSH key, store key)`;
        },
      },
      {
        title: 'Network',
        task: async (_c, t) => {
          const net = await ensureNetwork(id, state.network);
          if (net.created) changed.push('network');
          state.subnet = net.subnet;
          nodes = labNodes(id, net.subnet, count);
          state.nodes = nodes;
          // Recorded before any container exists, so `lab down` can clean up an interrupted run.
          writeState(state);
          t.title = `Network ${state.network} ${net.subnet} (${net.created ? 'created' : 'kept'})`;
        },
      },
      {
        title: 'Surplus nodes',
        task: async (_c, t) => {
          const want = new Set(nodes.map((n) => n.container));
          const extra = (await containersLabelled(LAB_LABEL, id)).filter((c) => !want.has(c));
          if (extra.length) {
            await dockerOk('remove surplus nodes', ['rm', '--force', '--volumes', ...extra]);
            changed.push(`removed ${extra.length} node(s)`);
          }
          t.title = extra.length ? `Removed ${extra.join(', ')}` : 'No surplus nodes';
        },
      },
      {
        title: 'Nodes',
        task: (_c, t) =>
          t.newListr(
            nodeTasks(async (n) => {
              const how = await ensureContainer(setup, n);
              if (how !== 'kept') changed.push(`${n.name} ${how}`);
              hostKeys.set(n.name, await provision(setup, n));
              const app = await loadAppImage(setup, n);
              return `container ${how}, app image ${app}`;
            }),
            { concurrent: true, exitOnError: true },
          ),
      },
      {
        title: 'Inventory',
        task: async (_c, t) => {
          const lines = nodes.flatMap((n) => hostKeys.get(n.name) ?? []);
          const khPath = join(dir, LAB_FILES.knownHosts);
          const kh = `${lines.join('\n')}\n`;
          if (!existsSync(khPath) || readFileSync(khPath, 'utf8') !== kh) writeKnownHosts(dir, lines);
          const wrote = writeClusterYaml(dir, nodes);
          if (wrote) changed.push('cluster.yaml');
          t.title = `Inventory ${join(dir, LAB_FILES.cluster)} (${wrote ? 'written' : 'unchanged'})`;
        },
      },
      {
        title: 'SSH and Docker answering',
        task: (_c, t) =>
          t.newListr(
            nodeTasks(async (n) => {
              versions[n.name] = await waitReady(dir, n);
              return `${n.address}: sshd ok, dockerd ${versions[n.name]}`;
            }),
            { concurrent: true, exitOnError: true },
          ),
      },
    ] as ListrTask[],
    { concurrent: false, exitOnError: true, ...rendererFor(ctx), rendererOptions: { collapseSubtasks: false } } as never,
  );
  await tasks.run();
  writeState(state);
  return { state, changed, versions };
}
