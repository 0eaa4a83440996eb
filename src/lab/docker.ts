// The control machine's Docker engine, through the `docker` CLI (execa): the lab only needs a few
// verbs, and the CLI's error text is what a user would see typing the same command.
import { execa, type Options } from 'execa';
import { OperationError, UserError } from '../errors.js';

const PREREQS_HINT = 'bash bootstrap/control-prereqs.sh';

export interface DockerResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `docker ARGS`; never throws for a non-zero exit (callers decide what a failure means). */
export async function docker(args: string[], opts: Options = {}): Promise<DockerResult> {
  try {
    const r = await execa('docker', args, { reject: false, encoding: 'utf8', ...opts });
    return { stdout: String(r.stdout ?? '').trim(), stderr: String(r.stderr ?? '').trim(), exitCode: r.exitCode ?? -1 };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw engineMissing('the docker client is not installed');
    throw e;
  }
}

/** Like docker() but a non-zero exit is an OperationError naming the step. */
export async function dockerOk(step: string, args: string[], opts: Options = {}): Promise<string> {
  const r = await docker(args, opts);
  if (r.exitCode !== 0) throw new OperationError(`${step}: ${lastLines(r.stderr || r.stdout)}`);
  return r.stdout;
}

function lastLines(text: string): string {
  return text.split('\n').filter(Boolean).slice(-3).join(' | ') || 'failed with no output';
}

function engineMissing(why: string): UserError {
  return new UserError(`the Docker engine on this machine is not answering (${why})`, PREREQS_HINT);
}

/** Fails fast, with the prerequisites script as the next step, when there is no engine to talk to. */
export async function requireEngine(): Promise<string> {
  const r = await docker(['version', '--format', '{{.Server.Version}}'], { timeout: 15_000 });
  if (r.exitCode !== 0 || !r.stdout) throw engineMissing(lastLines(r.stderr));
  return r.stdout;
}

export async function imageExists(tag: string): Promise<boolean> {
  return (await docker(['image', 'inspect', '--format', '{{.Id}}', tag])).exitCode === 0;
}

/** Docker resources whose label `key` equals `value`. */
export async function containersLabelled(key: string, value: string): Promise<string[]> {
  const out = await dockerOk('list lab containers', ['ps', '-a', '--filter', `label=${key}=${value}`, '--format', '{{.Names}}']);
  return out.split('\n').filter(Boolean);
}

export interface ContainerInfo {
  name: string;
  id: string;
  running: boolean;
  status: string;
  image: string;
}

export async function inspectContainer(name: string): Promise<ContainerInfo | undefined> {
  const fmt = '{{.Id}}\t{{.State.Running}}\t{{.State.Status}}\t{{.Config.Image}}';
  const r = await docker(['container', 'inspect', '--format', fmt, name]);
  if (r.exitCode !== 0) return undefined;
  const [id, running, status, image] = r.stdout.split('\t');
  return { name, id: id!, running: running === 'true', status: status!, image: image! };
}

/** IPv4 subnets of every docker network on this machine (to keep clear of). */
export async function usedSubnets(): Promise<string[]> {
  const ids = (await dockerOk('list docker networks', ['network', 'ls', '-q'])).split('\n').filter(Boolean);
  if (ids.length === 0) return [];
  const out = await dockerOk('inspect docker networks', ['network', 'inspect', '--format', '{{range .IPAM.Config}}{{.Subnet}} {{end}}', ...ids]);
  return out.split(/\s+/).filter(Boolean);
}
