// Entry point: split global flags, find the command, parse its flags, run it, map errors to exit codes.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { commands } from './commands.js';
import type { CommandSpec, Context, ParsedArgs } from './command.js';
import { SwarmctlError, UserError, exitCodeOf } from '../errors.js';
import { redact } from '../util/redact.js';
import { helpText, commandHelp, closestCommand } from './help.js';

interface Globals {
  config: string;
  verbose: boolean;
  json: boolean;
  help: boolean;
  version: boolean;
  rest: string[];
}

export function splitGlobals(argv: string[]): Globals {
  const g: Globals = { config: 'cluster.yaml', verbose: false, json: false, help: false, version: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      g.rest.push(...argv.slice(i));
      break;
    }
    if (a === '-c' || a === '--config') {
      const v = argv[++i];
      if (v === undefined || v === '' || v.startsWith('-')) throw new UserError(`${a} needs a file path`, 'swarmctl --help');
      g.config = v;
    } else if (a.startsWith('--config=')) {
      g.config = a.slice('--config='.length);
      if (!g.config) throw new UserError('--config needs a file path', 'swarmctl --help');
    }
    else if (a === '--verbose' || a === '-v') g.verbose = true;
    else if (a === '--json') g.json = true;
    else if (a === '--help' || a === '-h') g.help = true;
    // Only before the command: `secret get NAME --version N` is the command's own flag.
    else if (a === '--version' && g.rest.length === 0) g.version = true;
    else g.rest.push(a);
  }
  return g;
}

/** Longest run of leading words that names a command. */
export function findCommand(words: string[]): { spec: CommandSpec; rest: string[] } | undefined {
  const lead: string[] = [];
  for (const w of words) {
    if (w.startsWith('-')) break;
    lead.push(w);
  }
  for (let n = Math.min(lead.length, 3); n > 0; n--) {
    const name = lead.slice(0, n).join(' ');
    const spec = commands.find((c) => c.name === name);
    if (spec) return { spec, rest: words.slice(n) };
  }
  return undefined;
}

export function parseCommandArgs(spec: CommandSpec, rest: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: spec.options ?? {}, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '');
    throw new UserError(`${spec.name}: ${msg}`, `swarmctl ${spec.name} --help`);
  }
  const [min, max] = spec.positionals ?? [0, 0];
  const n = parsed.positionals.length;
  if (n < min || n > max) {
    const what = n < min ? 'missing argument' : `unexpected argument '${parsed.positionals[max]}'`;
    throw new UserError(`${spec.name}: ${what}`, `usage: swarmctl ${spec.name} ${spec.usage ?? ''}`.trim());
  }
  return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals };
}

export function defaultContext(g: Pick<Globals, 'config' | 'verbose' | 'json'>): Context {
  const cwd = process.cwd();
  return {
    cwd,
    configPath: resolve(cwd, g.config),
    verbose: g.verbose,
    json: g.json,
    env: process.env,
    stdin: process.stdin,
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stdout: process.stdout,
  };
}

export async function main(argv: string[], makeContext = defaultContext): Promise<number> {
  let verbose = argv.includes('--verbose') || argv.includes('-v');
  let ctx: Context | undefined;
  try {
    const g = splitGlobals(argv);
    verbose = g.verbose;
    ctx = makeContext(g);
    if (g.version) {
      ctx.out(`swarmctl ${await version()}`);
      return 0;
    }
    const found = findCommand(g.rest);
    if (!found) {
      if (g.help || g.rest.length === 0) {
        ctx.out(helpText(g.rest[0]));
        return g.rest.length === 0 && !g.help ? 2 : 0;
      }
      const subs = commands.filter((c) => c.name.startsWith(`${g.rest[0]} `)).map((c) => c.name.split(' ')[1]);
      if (subs.length && g.rest.length === 1) throw new UserError(`'${g.rest[0]}' needs a subcommand: ${subs.join(', ')}`, `swarmctl ${g.rest[0]} --help`);
      const word = g.rest.filter((w) => !w.startsWith('-')).slice(0, 2).join(' ') || g.rest[0]!;
      const near = closestCommand(word);
      throw new UserError(`unknown command '${word}'`, near ? `did you mean 'swarmctl ${near}'? (swarmctl --help lists all)` : 'swarmctl --help lists the commands');
    }
    if (g.help) {
      ctx.out(commandHelp(found.spec));
      return 0;
    }
    const args = parseCommandArgs(found.spec, found.rest);
    const mod = await found.spec.load();
    const code = await mod.run(ctx, args);
    return code ?? 0;
  } catch (err) {
    return report(err, verbose, ctx ?? makeContext({ config: 'cluster.yaml', verbose, json: false }));
  }
}

function report(err: unknown, verbose: boolean, ctx: Context): number {
  const write = ctx.err;
  if (err instanceof SwarmctlError) {
    // Redacted again here: a secret may have been registered after the error was built.
    write(`ERROR: ${redact(err.message)}`);
    if (err.hint) write(`hint: ${redact(err.hint)}`);
    if (verbose && err.stack) write(redact(err.stack));
    if (verbose && err.cause instanceof Error && err.cause.stack) write(`caused by: ${redact(err.cause.stack)}`);
  } else {
    const e = err instanceof Error ? err : new Error(String(err));
    write(`ERROR: internal error: ${redact(e.message)}`);
    write(verbose ? redact(e.stack ?? '') : 'hint: run again with --verbose for details; this is a bug in swarmctl');
  }
  return exitCodeOf(err);
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
