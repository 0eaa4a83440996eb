// Runs the CLI in-process with captured output: for CLI tests that need no real hosts.
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { Context } from '../../src/cli/command.js';
import { resolve } from 'node:path';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], opts: { cwd?: string; stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const cwd = opts.cwd ?? process.cwd();
  const stdin = new PassThrough();
  stdin.end(opts.stdin ?? '');
  const sink = new PassThrough();
  sink.on('data', (d: Buffer) => (stdout += d.toString()));
  const code = await main(argv, (g): Context => ({
    cwd,
    configPath: resolve(cwd, g.config),
    verbose: g.verbose,
    json: g.json,
    env: opts.env ?? {},
    stdin,
    out: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`),
    stdoutIsTTY: false,
    stdout: sink,
  }));
  return { code, stdout, stderr };
}
