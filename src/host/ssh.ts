// Host over OpenSSH with connection multiplexing: one master connection per host (ControlMaster),
// every command and the Docker socket forward reuse it. OpenSSH rather than ssh2 because it
// honours the user's ssh config, agent and known_hosts exactly as `ssh` does, and its
// multiplexing gives us a forwarded Docker socket on the same TCP connection.
import { execa } from 'execa';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import type { HostRef } from '../config/inventory.js';
import { RemoteCommandError } from '../errors.js';
import { Secret } from '../util/redact.js';
import { asRoot, shellLine, type RemoteCommand } from './command.js';
import type { ExecResult, Host } from './host.js';
import { uploadCommand, type FileUpload } from './upload.js';

export interface SshOptions {
  knownHosts?: string;
  strictHostKeyChecking: 'yes' | 'accept-new';
  connectTimeout: number;
  /** Directory for control sockets (short path: unix sockets are limited to 108 bytes). */
  socketDir?: string;
}

let sharedDir: string | undefined;
function socketDir(): string {
  if (!sharedDir) {
    sharedDir = mkdtempSync(join(tmpdir().length < 20 ? tmpdir() : '/tmp', 'swarmctl-'));
    cleanUpAtExit();
  }
  return sharedDir;
}

// Masters still running when the process exits (a command that skipped closeAll, an error path)
// are stopped before their socket directory goes: otherwise each would outlive us for
// ControlPersist with a forwarded Docker socket, and nothing could reach it to stop it.
const running = new Set<SshHost>();
let hooked = false;
function cleanUpAtExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', cleanUp);
  // Ctrl-C or a kill does not emit 'exit': clean up, then die of the same signal as before.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      cleanUp();
      process.kill(process.pid, sig);
    });
  }
}

function cleanUp(): void {
  for (const host of running) {
    try {
      execFileSync('ssh', [...host.baseArgs(), '-O', 'exit', host.ref.address], { stdio: 'ignore', timeout: 2000 });
    } catch {
      /* already gone */
    }
  }
  running.clear();
  if (sharedDir) rmSync(sharedDir, { recursive: true, force: true });
}

export class SshHost implements Host {
  readonly #dir: string;
  readonly #control: string;
  #connected: Promise<void> | undefined;
  #docker: Promise<Dockerode> | undefined;

  constructor(
    readonly ref: HostRef,
    private readonly opts: SshOptions,
  ) {
    this.#dir = opts.socketDir ?? socketDir();
    this.#control = join(this.#dir, `${ref.name}.ctl`);
  }

  /** Options shared by the master and every client. */
  baseArgs(): string[] {
    const a = ['-o', 'BatchMode=yes', '-o', `ConnectTimeout=${this.opts.connectTimeout}`, '-o', `StrictHostKeyChecking=${this.opts.strictHostKeyChecking}`];
    a.push('-o', 'ServerAliveInterval=10', '-o', 'ServerAliveCountMax=3', '-o', 'LogLevel=ERROR');
    if (this.opts.knownHosts) a.push('-o', `UserKnownHostsFile=${this.opts.knownHosts}`);
    if (this.ref.identity) a.push('-i', this.ref.identity, '-o', 'IdentitiesOnly=yes');
    a.push('-p', String(this.ref.port), '-l', this.ref.user, '-S', this.#control);
    return a;
  }

  connect(): Promise<void> {
    this.#connected ??= this.#startMaster().catch((e) => {
      this.#connected = undefined;
      throw e;
    });
    return this.#connected;
  }

  async #startMaster(): Promise<void> {
    const log = join(this.#dir, `${this.ref.name}.log`);
    // -E appends: without this a retry would report the previous attempt's errors. A socket
    // left by a master that died would make the new one run without multiplexing.
    rmSync(log, { force: true });
    rmSync(this.#control, { force: true });
    // -f: background after authentication; -E: diagnostics to a file (a pipe would be held open
    // by the backgrounded master); ControlPersist bounds a master leaked by a crash.
    const r = await execa('ssh', [...this.baseArgs(), '-M', '-N', '-f', '-o', 'ControlPersist=120', '-E', log, this.ref.address], {
      stdio: 'ignore',
      reject: false,
      timeout: (this.opts.connectTimeout + 5) * 1000,
    });
    if (r.exitCode !== 0) {
      let detail = '';
      try {
        detail = readFileSync(log, 'utf8');
      } catch {
        /* no log written */
      }
      throw new RemoteCommandError(this.ref.name, `ssh connect to ${this.ref.user}@${this.ref.address}:${this.ref.port}`, r.exitCode, detail || (r.timedOut ? 'timed out' : (r.originalMessage ?? '')), 'check the address and SSH settings in the inventory, then `swarmctl doctor`');
    }
    running.add(this);
    cleanUpAtExit();
  }

  async exec(cmd: RemoteCommand): Promise<ExecResult> {
    await this.connect();
    const line = shellLine(asRoot(cmd.argv, this.ref.user));
    const input = cmd.stdin instanceof Secret ? cmd.stdin.revealBuffer() : cmd.stdin;
    const r = await execa('ssh', [...this.baseArgs(), '-o', 'ControlMaster=no', this.ref.address, '--', line], {
      input: input ?? '',
      reject: false,
      stripFinalNewline: false,
      encoding: 'utf8',
      ...(cmd.timeoutMs ? { timeout: cmd.timeoutMs } : {}),
    });
    const exitCode = r.exitCode ?? -1;
    const result = { stdout: String(r.stdout), stderr: String(r.stderr), exitCode };
    if (!(cmd.okExitCodes ?? [0]).includes(exitCode)) {
      // originalMessage: ssh never ran (not installed: spawn ENOENT) or was killed.
      const why = r.timedOut ? `timed out after ${cmd.timeoutMs} ms` : result.stderr || (r.originalMessage ?? '');
      throw new RemoteCommandError(this.ref.name, cmd.step, r.exitCode ?? undefined, why);
    }
    return result;
  }

  async upload(file: FileUpload): Promise<{ changed: boolean }> {
    const r = await this.exec(uploadCommand(file));
    return { changed: r.stdout.trim() === 'changed' };
  }

  docker(): Promise<Dockerode> {
    this.#docker ??= this.#forwardDocker().catch((e) => {
      this.#docker = undefined;
      throw e;
    });
    return this.#docker;
  }

  async #forwardDocker(): Promise<Dockerode> {
    await this.connect();
    const local = join(this.#dir, `${this.ref.name}.docker.sock`);
    const forward = () => {
      rmSync(local, { force: true });
      return execa('ssh', [...this.baseArgs(), '-O', 'forward', '-L', `${local}:/var/run/docker.sock`, this.ref.address], { reject: false });
    };
    let r = await forward();
    // Not after close(): a forward still in flight then (bootstrap's warm-up) must not revive it.
    if (r.exitCode !== 0 && this.#connected) {
      // The master died (killed, or dropped by ServerAlive): exec falls back to direct
      // connections on its own, but a forward needs a master, so start a new one once.
      this.#connected = undefined;
      await this.connect();
      r = await forward();
    }
    if (r.exitCode !== 0) throw new RemoteCommandError(this.ref.name, 'forward the Docker socket', r.exitCode, String(r.stderr));
    const { default: Docker } = await import('dockerode');
    return new Docker({ socketPath: local });
  }

  async close(): Promise<void> {
    const connecting = this.#connected;
    if (!connecting) return;
    this.#connected = undefined;
    this.#docker = undefined;
    // A master still starting (close during a failed parallel step) would otherwise come up
    // after our `-O exit` and run on for ControlPersist.
    if (!(await connecting.then(() => true, () => false))) return;
    await execa('ssh', [...this.baseArgs(), '-O', 'exit', this.ref.address], { reject: false, stdio: 'ignore' });
    running.delete(this);
  }
}
