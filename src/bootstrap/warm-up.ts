// Start every host's SSH connection and Docker socket forward without waiting for them. Failures
// are ignored here on purpose: the first real use (preflight) retries and reports them with the
// host's name and a hint, exactly as if there had been no warm-up.
import type { HostPool } from '../host/pool.js';

interface Connectable {
  connect?: () => Promise<void>;
}

export function warmUp(pool: HostPool): void {
  for (const host of pool.all()) {
    const h = host as unknown as Connectable;
    void h.connect?.().then(
      () => host.docker().catch(() => undefined),
      () => undefined,
    );
  }
}
