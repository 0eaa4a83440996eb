// Cross-process lock beside the store: `<store>.lock`, created with O_EXCL and holding
// "pid host time". A lock whose pid is dead on this host is stale (the holder was killed) and
// is broken; breaking happens under a second O_EXCL file so two breakers cannot both succeed
// and then delete each other's fresh lock.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { OperationError } from '../errors.js';
import { processAlive } from '../util/process.js';

export interface LockOptions {
  /** Give up after this long (default 30 s): a live holder is doing real work. */
  timeoutMs?: number;
}

const BREAKER_STALE_MS = 10_000;
/**
 * Fairness: a waiter keeps `<lock>.waiting` fresh while it polls, and anyone else about to take
 * the lock first gives it this long. Without it, a loop of transactions in one process starves
 * a writer in another until the loop ends (or the other times out). Uncontended: no delay.
 */
const COURTESY_MS = 30;
const MAX_POLL_MS = 20;
const WAITER_FRESH_MS = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function withLock<T>(storePath: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const lockPath = `${storePath}.lock`;
  await acquire(lockPath, opts.timeoutMs ?? 30_000);
  try {
    return await fn();
  } finally {
    try {
      unlinkSync(lockPath);
    } catch {
      /* already gone: nothing to release */
    }
  }
}

async function acquire(lockPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const marker = `${lockPath}.waiting`;
  if (otherWaiter(marker)) await sleep(COURTESY_MS + Math.random() * 10);
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(lockPath, `${process.pid} ${hostname()} ${new Date().toISOString()}\n`)) {
      if (attempt > 0) clearWaiter(marker);
      return;
    }
    writeFileSync(marker, `${process.pid}\n`, { mode: 0o600 });
    const holder = readHolder(lockPath);
    if (holder && isStale(holder)) breakStale(lockPath, holder.raw);
    else if (Date.now() > deadline) {
      clearWaiter(marker); // nobody should yield to a waiter that gave up
      const who = !holder ? 'another process' : holder.pid > 0 ? `pid ${holder.pid} on ${holder.host} since ${holder.since}` : 'a lock file that names no holder (being taken right now, or its taker died)';
      throw new OperationError(`secret store is locked by ${who}`, `wait for it to finish; if no swarmctl is running, remove ${lockPath}`);
    }
    // Jittered backoff, capped: two writers alternate quickly without spinning the CPU.
    await sleep(Math.min(2 + attempt, MAX_POLL_MS) * (0.5 + Math.random()));
  }
}

function otherWaiter(marker: string): boolean {
  try {
    const fresh = Date.now() - statSync(marker).mtimeMs < WAITER_FRESH_MS;
    return fresh && readFileSync(marker, 'utf8').trim() !== String(process.pid);
  } catch {
    return false; // no marker: nobody is waiting
  }
}

function clearWaiter(marker: string): void {
  try {
    if (readFileSync(marker, 'utf8').trim() === String(process.pid)) unlinkSync(marker);
  } catch {
    /* another waiter replaced or removed it */
  }
}

function tryCreate(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new OperationError(`cannot create lock file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

interface Holder {
  raw: string;
  pid: number;
  host: string;
  since: string;
  ageMs: number;
}

function readHolder(path: string): Holder | undefined {
  let raw: string;
  let ageMs: number;
  try {
    ageMs = Date.now() - statSync(path).mtimeMs;
    raw = readFileSync(path, 'utf8');
  } catch {
    return undefined; // released between our attempt and this read
  }
  const [pid, host, since] = raw.trim().split(' ');
  return { raw, pid: Number(pid) || 0, host: host || hostname(), since: since ?? '?', ageMs };
}

function isStale(h: Holder): boolean {
  if (h.host !== hostname()) return false; // cannot see other hosts' processes
  // Empty: the holder is between create and write, or died right there; only age can tell.
  if (h.pid <= 0) return h.ageMs > BREAKER_STALE_MS;
  return !processAlive(h.pid);
}

function breakStale(lockPath: string, seen: string): void {
  const breaker = `${lockPath}.break`;
  if (!tryCreate(breaker, `${process.pid}\n`)) {
    // A breaker that died mid-break would block everyone; its file is tiny-lived, so age tells.
    try {
      if (Date.now() - statSync(breaker).mtimeMs > BREAKER_STALE_MS) unlinkSync(breaker);
    } catch {
      /* someone else cleaned it */
    }
    return;
  }
  try {
    // Only delete the exact stale lock we judged: a new holder may have replaced it meanwhile.
    if (readHolder(lockPath)?.raw === seen) unlinkSync(lockPath);
  } catch {
    /* vanished: fine */
  } finally {
    try {
      unlinkSync(breaker);
    } catch {
      /* judged stale and removed by another breaker while we were paused */
    }
  }
}
