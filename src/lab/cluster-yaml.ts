// The lab's cluster.yaml. Rendered with the yaml Document API on top of the existing file, so
// fields that later steps record (meshAddress, labels, a changed role, comments) survive `lab up`.
import { Document, isMap, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { nodeRole, type LabNode } from './naming.js';

export const LAB_FILES = {
  cluster: 'cluster.yaml',
  identity: 'id_ed25519',
  knownHosts: 'known_hosts',
  storeKey: 'store.key',
  state: 'state.json',
} as const;

const HEADER = ' Written by `swarmctl lab up` for the local lab; later steps record fields here (e.g. meshAddress).';

function freshDocument(): Document {
  const doc = new Document({
    cluster: 'lab',
    store: { path: 'secrets/store.enc', keyFile: LAB_FILES.storeKey },
    ssh: { knownHosts: LAB_FILES.knownHosts },
    mesh: { cidr: '10.99.0.0/24', listenPort: 51820, mtu: 1420, keepalive: 25 },
    nodes: [],
  });
  doc.commentBefore = HEADER;
  return doc;
}

function nodeEntry(doc: Document, node: LabNode): YAMLMap {
  return doc.createNode({
    name: node.name,
    address: node.address,
    role: nodeRole(node.index),
    ssh: { user: 'root', port: 22, identity: LAB_FILES.identity },
  }) as YAMLMap;
}

/** New text of cluster.yaml for these nodes, keeping what `existing` records beyond the lab's own fields. */
export function renderLabCluster(existing: string | undefined, nodes: LabNode[]): string {
  let doc = existing === undefined ? freshDocument() : parseDocument(existing);
  // A file the lab cannot read back is the lab's own broken artefact: start over.
  if (doc.errors.length > 0 || !isMap(doc.contents)) doc = freshDocument();

  if (!doc.has('cluster')) doc.set('cluster', 'lab');
  if (!doc.has('store')) doc.set('store', doc.createNode({ path: 'secrets/store.enc', keyFile: LAB_FILES.storeKey }));
  // The lab's SSH trust is always its own: host keys collected from the containers, checked strictly.
  doc.setIn(['ssh', 'knownHosts'], LAB_FILES.knownHosts);
  // Quoted: a YAML 1.1 reader would take a bare `yes` for a boolean.
  const strict = new Scalar('yes');
  strict.type = Scalar.QUOTE_DOUBLE;
  doc.setIn(['ssh', 'strictHostKeyChecking'], strict);

  const old = doc.get('nodes');
  const byName = new Map<string, YAMLMap>();
  if (isSeq(old)) {
    for (const item of old.items) if (isMap(item)) byName.set(String(item.get('name')), item);
  }
  const seq = new YAMLSeq();
  for (const node of nodes) {
    const kept = byName.get(node.name);
    if (!kept) {
      seq.items.push(nodeEntry(doc, node));
      continue;
    }
    kept.set('address', node.address);
    if (!kept.has('role')) kept.set('role', nodeRole(node.index));
    kept.setIn(['ssh', 'user'], 'root');
    kept.setIn(['ssh', 'port'], 22);
    kept.setIn(['ssh', 'identity'], LAB_FILES.identity);
    seq.items.push(kept);
  }
  doc.set('nodes', seq);
  return doc.toString();
}
