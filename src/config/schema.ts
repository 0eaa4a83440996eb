// cluster.yaml schema. Strict objects: an unknown key is an error, not a silent no-op.
import { z } from 'zod';

// Names end up in file names, INI files, Docker labels and shell words: keep them boring.
export const NAME_RE = /^[a-z][a-z0-9-]{0,31}$/;
const name = z.string().regex(NAME_RE, 'expected lowercase letters, digits and "-", starting with a letter, at most 32 characters');
// A host name or an IPv4/IPv6 address; no spaces, brackets, '=' or newlines (they could inject INI
// lines), and no leading '-': ssh would take "-R2375:localhost:2375" as an option, not a host.
const address = z.string().regex(/^[A-Za-z0-9:][A-Za-z0-9.:-]{0,252}$/, 'expected a host name or IP address');
const labelKey = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'expected a label key of [a-z0-9._-]');
const labelValue = z.string().regex(/^[A-Za-z0-9._:/@-]{0,128}$/, 'expected a label value without spaces, brackets, "=" or newlines');
const port = z.number().int().min(1).max(65535);

export const sshSchema = z.strictObject({
  user: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'expected a Unix user name').default('root'),
  port: port.default(22),
  /** Private key file, relative to cluster.yaml. */
  identity: z.string().min(1).optional(),
});

export const nodeSchema = z.strictObject({
  name,
  address,
  role: z.enum(['manager', 'worker']),
  ssh: sshSchema.default({ user: 'root', port: 22 }),
  labels: z.record(labelKey, labelValue).default({}),
  /** Allocated once by `mesh apply`/`bootstrap` and recorded here; never changes afterwards. */
  meshAddress: z.string().optional(),
  /** Forces the WireGuard backend; otherwise doctor's finding decides. */
  wireguardBackend: z.enum(['networkd', 'userspace']).optional(),
});

export const meshSchema = z.strictObject({
  cidr: z.string().default('10.99.0.0/24'),
  cidr6: z.string().optional(),
  listenPort: port.default(51820),
  mtu: z.number().int().min(1280).max(9000).default(1420),
  keepalive: z.number().int().min(0).max(3600).default(25),
});

/** Swarm settings (optional section; see docs/bootstrap.md). */
export const swarmSchema = z.strictObject({
  /** Overlay networks' default address pool; must not overlap mesh.cidr. Chosen automatically when unset. */
  defaultAddrPool: z.string().optional(),
  /** Managers restart locked until `docker swarm unlock`; the unlock key is kept in the store. */
  autolock: z.boolean().default(false),
});

export const clusterSchema = z.strictObject({
  cluster: name,
  store: z
    .strictObject({
      path: z.string().default('secrets/store.enc'),
      keyFile: z.string().optional(),
    })
    .default({ path: 'secrets/store.enc' }),
  ssh: z
    .strictObject({
      knownHosts: z.string().optional(),
      strictHostKeyChecking: z.enum(['yes', 'accept-new']).default('accept-new'),
      connectTimeout: z.number().int().min(1).max(120).default(10),
    })
    .default({ strictHostKeyChecking: 'accept-new', connectTimeout: 10 }),
  mesh: meshSchema.default({ cidr: '10.99.0.0/24', listenPort: 51820, mtu: 1420, keepalive: 25 }),
  swarm: swarmSchema.default({ autolock: false }),
  nodes: z.array(nodeSchema).min(1, 'at least one node is needed'),
});

export type ClusterFile = z.infer<typeof clusterSchema>;
export type NodeFile = z.infer<typeof nodeSchema>;
