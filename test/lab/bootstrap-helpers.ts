// Probes for the bootstrap lab test: packet capture on the lab bridge, process-argument sampling
// on the nodes, the store's secrets, an overlay service answering, stopping/starting dockerd.
import { execa, type ResultPromise } from 'execa';
import { connect } from 'node:net';
import { join } from 'node:path';
import { loadInventory } from '../../src/config/load.js';
import { openStore } from '../../src/store/index.js';
import { dockerExecNode, labState, sshNode } from './helpers.js';

export async function on(dir: string, node: string, cmd: string): Promise<string> {
  const r = await sshNode(dir, node, cmd);
  if (r.code !== 0) throw new Error(`${node}: ${cmd}: exit ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** tcpdump on the lab's bridge from the control machine, written to a file until stopped. */
export async function startCapture(dir: string, file: string): Promise<{ stop(): Promise<string[]> }> {
  const id = (await execa('docker', ['network', 'inspect', '-f', '{{.Id}}', labState(dir).network])).stdout.trim();
  const proc: ResultPromise = execa('tcpdump', ['-i', `br-${id.slice(0, 12)}`, '-nn', '-U', '-w', file], { reject: false });
  await new Promise((r) => setTimeout(r, 1000)); // tcpdump is listening once it has opened the interface
  return {
    async stop() {
      proc.kill('SIGINT');
      await proc;
      const r = await execa('tcpdump', ['-r', file, '-nn', 'ip'], { reject: false });
      return String(r.stdout).split('\n').filter(Boolean);
    },
  };
}

/** `IP a.b.c.d.P > e.f.g.h.Q: proto...` → endpoints; undefined for non-IP lines. */
export function parsePacket(line: string): { src: string; sport: number; dst: string; dport: number; udp: boolean } | undefined {
  const m = /IP (\d+\.\d+\.\d+\.\d+)\.(\d+) > (\d+\.\d+\.\d+\.\d+)\.(\d+): (.*)$/.exec(line);
  if (!m) return undefined;
  return { src: m[1]!, sport: Number(m[2]), dst: m[3]!, dport: Number(m[4]), udp: /^UDP/.test(m[5]!) };
}

/** Samples /proc/*\/cmdline on every node in the background until stop() (bounded to 3 min). */
export async function startCmdlineSampler(dir: string, nodes: string[]): Promise<{ stop(): Promise<string> }> {
  const script = `rm -f /tmp/bt-cmd /tmp/bt-cmd.stop; end=$(( $(date +%s) + 180 ))
while [ ! -e /tmp/bt-cmd.stop ] && [ "$(date +%s)" -lt "$end" ]; do
  for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < "$f" 2>/dev/null; echo; done >> /tmp/bt-cmd; sleep 0.02
done`;
  for (const n of nodes) await on(dir, n, `setsid sh -c '${script.replace(/'/g, `'\\''`)}' </dev/null >/dev/null 2>&1 &`);
  return {
    async stop() {
      let all = '';
      for (const n of nodes) all += await on(dir, n, 'touch /tmp/bt-cmd.stop; sleep 0.2; sort -u /tmp/bt-cmd');
      return all;
    },
  };
}

/** Every secret value in the lab's store, plus a middle slice of multi-line ones (PEM). */
export async function storeSecrets(dir: string): Promise<Map<string, string>> {
  const inv = loadInventory(join(dir, 'cluster.yaml'));
  const store = await openStore(inv.storePath, { kind: 'keyFile', path: inv.storeKeyFile! });
  const out = new Map<string, string>();
  for (const m of store.list()) {
    const v = store.get(m.name).reveal();
    out.set(m.name, v);
    if (v.includes('\n')) out.set(`${m.name} (slice)`, v.replace(/\s+/g, '').slice(200, 240));
  }
  return out;
}

/** A dnsrr service with one task per node; returns its tasks' overlay addresses. */
export async function deployProbeService(dir: string, manager: string): Promise<string[]> {
  await on(dir, manager, `docker network create -d overlay --attachable --opt com.docker.network.driver.mtu=1370 bt-net >/dev/null
docker service create -d --name bt-probe --network bt-net --endpoint-mode dnsrr --mode global swarmctl-app:latest sh -c 'mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www' >/dev/null 2>&1`);
  const nodes = labState(dir).nodes.length;
  for (let i = 0; i < 120; i++) {
    const ips = (await on(dir, manager, `for t in $(docker service ps -q --filter desired-state=running bt-probe); do docker inspect $t --format '{{.Status.State}} {{range .NetworksAttachments}}{{range .Addresses}}{{.}}{{end}}{{end}}'; done`))
      .split('\n')
      .filter((l) => l.startsWith('running '))
      .map((l) => l.split(' ')[1]!.replace(/\/\d+$/, ''));
    if (ips.length === nodes) return ips;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('bt-probe did not get a running task on every node');
}

/** From a client container on `node`, ask every task over the overlay; returns the answers. */
export async function askAll(dir: string, node: string, ips: string[]): Promise<string[]> {
  const loop = ips.map((ip) => `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 5 ${ip} 8080 | tail -1`).join('; ');
  const out = await on(dir, node, `docker run --rm --network bt-net swarmctl-app:latest sh -c "${loop.replace(/"/g, '\\"')}"`);
  return out.split('\n').map((s) => s.trim()).filter(Boolean);
}

/**
 * askAll until every task answers, for up to `ms`: a task reported running is reachable from every
 * node only once the overlay has converged (the peer's VXLAN FDB/ARP entries arrive by gossip over
 * wg0), which lags the task state by a few seconds on a loaded machine. Returns the last answers;
 * the caller still asserts on them.
 */
export async function askAllSettled(dir: string, node: string, ips: string[], ms = 30_000): Promise<string[]> {
  const end = Date.now() + ms;
  for (;;) {
    const answers = await askAll(dir, node, ips);
    if (new Set(answers).size === ips.length || Date.now() > end) return answers;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** TCP connect from the control machine: 'connected' | 'refused' | 'timeout' (dropped). */
export function tcpProbe(host: string, port: number, ms = 2000): Promise<string> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    const done = (v: string) => (s.destroy(), resolve(v));
    s.setTimeout(ms, () => done('timeout'));
    s.on('connect', () => done('connected'));
    s.on('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED' ? 'refused' : (e.code ?? 'error')));
  });
}

/** Stops the node's dockerd and waits until the process is gone (it first stops its containers: ~10 s). */
export async function stopDockerd(dir: string, node: string): Promise<void> {
  const r = await dockerExecNode(dir, node, 'pid=$(cat /var/run/docker.pid); kill "$pid"; for i in $(seq 600); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done; exit 1');
  if (r.code !== 0) throw new Error(`${node}: dockerd did not stop: ${r.stderr}`);
}

export async function startServices(dir: string, node: string): Promise<void> {
  const r = await dockerExecNode(dir, node, '/usr/local/sbin/lab-node-services; for i in $(seq 600); do docker info >/dev/null 2>&1 && exit 0; sleep 0.1; done; exit 1');
  if (r.code !== 0) throw new Error(`${node}: dockerd did not start: ${r.stderr}`);
}
