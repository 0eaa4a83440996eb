// `swarmctl secret ...`: the encrypted secret store (see docs/secrets.md).
// Values never come from argv: they would land in shell history and `ps` output.
import type { CommandSpec, OptionSpec } from './command.js';

const storeOptions: OptionSpec = {
  store: { type: 'string' },
  'passphrase-file': { type: 'string' },
  'key-file': { type: 'string' },
};
const STORE_USAGE = '[--store PATH] [--passphrase-file F | --key-file F]';

export const secretCommands: CommandSpec[] = [
  {
    name: 'secret set',
    summary: 'add a new version of a secret (value from stdin, --from-file or --generate; never argv)',
    usage: `NAME [--from-file F | --generate [--length N] [--charset alnum|hex|base64|ascii]] [--kind K] ${STORE_USAGE}`,
    options: {
      ...storeOptions,
      'from-file': { type: 'string' },
      generate: { type: 'boolean' },
      length: { type: 'string' },
      charset: { type: 'string' },
      kind: { type: 'string' },
    },
    // A second positional is accepted only to refuse it without echoing it (it is the value).
    positionals: [1, 2],
    load: () => import('./secret-set.js'),
  },
  {
    name: 'secret get',
    summary: 'print a secret value to stdout (raw; refuses a terminal without --reveal)',
    usage: `NAME [--version N] [--reveal] ${STORE_USAGE}`,
    options: { ...storeOptions, version: { type: 'string' }, reveal: { type: 'boolean' } },
    positionals: [1, 1],
    load: () => import('./secret-get.js'),
  },
  {
    name: 'secret ls',
    summary: 'list secrets: names, kinds, versions, dates, users (never values); --json',
    usage: STORE_USAGE,
    options: storeOptions,
    load: () => import('./secret-ls.js'),
  },
  {
    name: 'secret rm',
    summary: 'remove a secret with all its versions',
    usage: `NAME [--force] ${STORE_USAGE}`,
    options: { ...storeOptions, force: { type: 'boolean' } },
    positionals: [1, 1],
    load: () => import('./secret-rm.js'),
  },
  {
    name: 'secret passwd',
    summary: 're-encrypt the store under a new passphrase (or key file)',
    usage: `[--new-passphrase-file F | --new-key-file F] ${STORE_USAGE}`,
    options: { ...storeOptions, 'new-passphrase-file': { type: 'string' }, 'new-key-file': { type: 'string' } },
    load: () => import('./secret-passwd.js'),
  },
];
