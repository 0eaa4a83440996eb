// Child-process tests need the store as plain JavaScript. esbuild (already installed as
// vite's dependency) bundles src/store in well under a second, so the test never depends on
// a stale dist/ or on other areas compiling.
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const CHILD_SCRIPT = join(root, 'test/unit/store/fixtures/store-child.mjs');

// Shared by both bundles. tweetnacl is CommonJS and calls require('crypto'); give the ESM
// bundle a real require.
const COMMON = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'silent',
  banner: { js: "import { createRequire as __swarmctlRequire } from 'node:module'; const require = __swarmctlRequire(import.meta.url);" },
} as const;

export async function bundleStore(outDir: string): Promise<string> {
  const outfile = join(outDir, 'store-bundle.mjs');
  await build({
    ...COMMON,
    entryPoints: [join(root, 'src/store/index.ts')],
    outfile,
    external: ['@inquirer/prompts'], // children never prompt
  });
  return outfile;
}

// The CLI frame lazily imports every area's commands; only the secret ones are bundled, the
// rest stay external (never loaded), so this test does not depend on other areas' code.
const KEEP = /src\/(store|util|config|ui)\/|src\/errors\.ts$|src\/cli\/(main|command|commands|help|secret-[a-z]+|[a-z]+-commands)\.ts$/;

export async function bundleSecretCli(outDir: string): Promise<string> {
  const outfile = join(outDir, 'secret-cli.mjs');
  const src = join(root, 'src');
  await build({
    ...COMMON,
    entryPoints: [join(root, 'test/unit/store/fixtures/secret-cli-entry.ts')],
    outfile,
    nodePaths: [join(root, 'node_modules')],
    plugins: [
      {
        name: 'only-secret-commands',
        setup(b) {
          b.onResolve({ filter: /^\.\.?\// }, (a) => {
            const abs = resolve(dirname(a.importer), a.path).replace(/\.js$/, '.ts');
            return abs.startsWith(src) && !KEEP.test(abs) ? { path: abs, external: true } : undefined;
          });
        },
      },
    ],
  });
  return outfile;
}
