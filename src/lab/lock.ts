// One `lab up`/`lab down` at a time per lab: two concurrent runs on one DIR would race on the
// same containers and files. The lock is a pid file outside DIR (DIR may not exist yet); a lock
// whose process is gone is stale and taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { processAlive as alive } from '../util/process.js';


export async function withLabLock<T>(id: string, dir: string, work: () => Promise<T>): Promise<T> {
  const path = join(tmpdir(), `swarmctl-lab-${id}.lock`);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
      let pid = 0;
      try {
        pid = Number(readFileSync(path, 'utf8').trim());
      } catch {
        /* removed meanwhile */
      }
      if (pid && pid !== process.pid && alive(pid)) {
        throw new UserError(`another lab up/down is running for ${dir} (pid ${pid})`, `wait for it, or: swarmctl lab status --dir ${dir}`);
      }
      rmSync(path, { force: true });
    }
  }
  try {
    return await work();
  } finally {
    rmSync(path, { force: true });
  }
}
