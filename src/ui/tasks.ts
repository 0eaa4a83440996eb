// Progress for multi-host work: one listr2 task per host, all in parallel, failures collected
// (one broken host does not stop the others) and returned for a summary.
import { Listr, type ListrTaskWrapper, type ListrDefaultRenderer, type ListrSimpleRenderer } from 'listr2';
import type { Context } from '../cli/command.js';
import { redact } from '../util/redact.js';

export type TaskOutput = { output: string; title: string };
export type Step = (title: string) => void;

export interface HostOutcome<T> {
  ok: Map<string, T>;
  failed: Map<string, Error>;
}

/** Renderer choice: animated on a TTY, line-per-event in logs and CI, nothing with --json. */
export function rendererFor(ctx: Context): { renderer: 'default' | 'simple' | 'silent' } {
  if (ctx.json) return { renderer: 'silent' };
  return { renderer: ctx.stdoutIsTTY ? 'default' : 'simple' };
}

export async function perHost<T>(
  ctx: Context,
  names: string[],
  title: (name: string) => string,
  work: (name: string, step: Step) => Promise<T>,
): Promise<HostOutcome<T>> {
  const out: HostOutcome<T> = { ok: new Map(), failed: new Map() };
  const tasks = new Listr(
    names.map((name) => ({
      title: title(name),
      task: async (_: unknown, task: ListrTaskWrapper<unknown, ListrDefaultRenderer, ListrSimpleRenderer>) => {
        try {
          out.ok.set(name, await work(name, (s) => (task.output = redact(s))));
        } catch (e) {
          const err = e instanceof Error ? e : new Error(String(e));
          out.failed.set(name, err);
          task.title = `${title(name)}: ${redact(err.message)}`;
          // listr2 prints what is thrown; not every error (dockerode, execa) was built redacted.
          throw new Error(redact(err.message));
        }
      },
    })),
    { concurrent: true, exitOnError: false, ...rendererFor(ctx), rendererOptions: { collapseErrors: false }, fallbackRendererOptions: {} } as never,
  );
  await tasks.run().catch(() => undefined);
  return out;
}
