// A promise that gives up after `ms` (the underlying work is not cancelled; closing the host
// connection ends it).
export function withTimeout<T>(p: Promise<T>, ms: number, why: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(why)), ms)));
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
