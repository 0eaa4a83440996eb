// Finding the local ssh processes of one lab (ControlMasters left by swarmctl commands, `lab ssh`
// sessions) by their command line: each one names the lab's own key file, which no other lab uses.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  argv: string[];
}

export function listProcesses(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const argv = readFileSync(`/proc/${e}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (argv.length) out.push({ pid: Number(e), argv });
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** ssh processes whose argv uses `identity` (pure: the process list is an argument). */
export function sshProcessesUsing(procs: ProcessInfo[], identity: string, self = process.pid): number[] {
  return procs
    .filter((p) => p.pid !== self && /(^|\/)ssh$/.test(p.argv[0]!) && p.argv.some((a) => a === identity || a === `IdentityFile=${identity}`))
    .map((p) => p.pid);
}

/** Sends SIGTERM to each pid (by id); returns the ones signalled. */
export function terminate(pids: number[]): number[] {
  return pids.filter((pid) => {
    try {
      process.kill(pid, 'SIGTERM');
      return true;
    } catch {
      return false;
    }
  });
}
