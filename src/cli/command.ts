// What a command is: data (name, usage, options) plus a lazily imported run function.
import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Context {
  cwd: string;
  /** -c/--config, resolved against cwd; the file may not exist (commands decide). */
  configPath: string;
  verbose: boolean;
  json: boolean;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Data output (tables, JSON, raw values). */
  out: (text: string) => void;
  /** Human diagnostics: warnings, progress fallbacks. */
  err: (text: string) => void;
  stdoutIsTTY: boolean;
  /** Raw stdout for listr2 and binary output. */
  stdout: NodeJS.WritableStream;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export interface CommandModule {
  run(ctx: Context, args: ParsedArgs): Promise<number | void>;
}

export interface CommandSpec {
  /** Words the user types, e.g. 'secret set'. */
  name: string;
  summary: string;
  /** Usage line after the name, e.g. 'NAME [--from-file F]'. */
  usage?: string;
  options?: OptionSpec;
  /** Max positionals accepted (default 0); [min, max] when some are required. */
  positionals?: [number, number];
  /** Kept as a thunk so `swarmctl --help` loads none of the heavy modules. */
  load: () => Promise<CommandModule>;
}
