// Typed errors. The top-level handler (src/cli/main.ts) turns these into one `ERROR:` line,
// an optional hint naming the next command, and an exit code; stack traces only with --verbose.
import { redact } from './util/redact.js';

export type ExitCode = 0 | 1 | 2;

export abstract class SwarmctlError extends Error {
  abstract readonly exitCode: ExitCode;
  readonly hint: string | undefined;
  constructor(message: string, hint?: string, options?: { cause?: unknown }) {
    super(redact(message), options);
    this.hint = hint === undefined ? undefined : redact(hint);
    this.name = new.target.name;
  }
}

/** Bad usage or configuration: nothing was changed. Exit 2. */
export class UserError extends SwarmctlError {
  readonly exitCode = 2 as const;
}

/** A configuration file is invalid; `file:line` is part of the message. Exit 2. */
export class ConfigError extends UserError {
  constructor(
    readonly issues: ConfigIssue[],
    hint?: string,
  ) {
    super(issues.map(formatIssue).join('\n'), hint);
  }
}

export interface ConfigIssue {
  /** key path like `nodes[1].role` ('' for the document root) */
  path: string;
  message: string;
  file?: string;
  line?: number;
}

export function formatIssue(i: ConfigIssue): string {
  const where = i.file ? ` (${i.file}${i.line ? `:${i.line}` : ''})` : '';
  return `${i.path ? `${i.path}: ` : ''}${i.message}${where}`;
}

/** The operation was attempted and failed (host unreachable, verification failed...). Exit 1. */
export class OperationError extends SwarmctlError {
  readonly exitCode = 1 as const;
}

/** A command on a host failed. Carries host, step, remote exit code and (redacted) stderr. */
export class RemoteCommandError extends OperationError {
  constructor(
    readonly host: string,
    readonly step: string,
    readonly remoteExitCode: number | undefined,
    readonly stderr: string,
    hint?: string,
  ) {
    const detail = redact(stderr).trim().split('\n').slice(-3).join(' | ');
    const code = remoteExitCode === undefined ? '' : ` (exit ${remoteExitCode})`;
    super(`${host}: ${step} failed${code}${detail ? `: ${detail}` : ''}`, hint);
  }
}

export function exitCodeOf(err: unknown): ExitCode {
  return err instanceof SwarmctlError ? err.exitCode : 1;
}
