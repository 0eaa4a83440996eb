// Deadlines for calls that have none of their own.
/**
 * dockerode calls have no deadline of their own: a hung dockerd behind a live SSH connection
 * would hang the caller forever. The call itself is not cancelled, only no longer waited for.
 */
export function withTimeout<T>(p: Promise<T>, ms: number, why: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(why)), ms)));
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
