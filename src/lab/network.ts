// The lab's bridge network: one /24 in 198.18.0.0/15 per lab, recorded in state.json.
import { OperationError } from '../errors.js';
import { docker, dockerOk, usedSubnets } from './docker.js';
import { gatewayAddress, LAB_LABEL } from './naming.js';
import { chooseSubnet } from './subnet.js';

async function existingSubnet(name: string): Promise<string | undefined> {
  const r = await docker(['network', 'inspect', '--format', '{{range .IPAM.Config}}{{.Subnet}} {{end}}', name]);
  return r.exitCode === 0 ? r.stdout.split(/\s+/).find(Boolean) : undefined;
}

/** Returns the network's subnet, creating the network on a free /24 if it does not exist. */
export async function ensureNetwork(id: string, name: string): Promise<{ subnet: string; created: boolean }> {
  const have = await existingSubnet(name);
  if (have) return { subnet: have, created: false };
  const tried: string[] = [];
  // Another lab may take the same /24 between our look and our create: retry a few times.
  for (let attempt = 0; attempt < 5; attempt++) {
    const subnet = chooseSubnet([...(await usedSubnets()), ...tried], id);
    if (!subnet) throw new OperationError('no free /24 left in 198.18.0.0/15 for a lab network', 'remove old labs: swarmctl lab down --dir DIR');
    const r = await docker(['network', 'create', '--driver', 'bridge', '--subnet', subnet, '--gateway', gatewayAddress(subnet), '--label', `${LAB_LABEL}=${id}`, name]);
    if (r.exitCode === 0) return { subnet, created: true };
    if (/already exists/.test(r.stderr)) {
      const now = await existingSubnet(name);
      if (now) return { subnet: now, created: false };
    }
    if (!/overlap/i.test(r.stderr)) throw new OperationError(`create network ${name}: ${r.stderr}`);
    tried.push(subnet);
  }
  throw new OperationError(`create network ${name}: every subnet tried was taken meanwhile`);
}

export async function removeNetwork(name: string): Promise<void> {
  const r = await docker(['network', 'rm', name]);
  if (r.exitCode !== 0 && !/not found|No such network/i.test(r.stderr)) {
    await dockerOk(`remove network ${name}`, ['network', 'rm', name]);
  }
}
