// Child-process tests need the store as plain JavaScript. esbuild (already installed as
// vite's dependency) bundles src/store in well under a second, so the test never depends on
// a stale dist/ or on other areas compiling.
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const CHILD_SCRIPT = join(root, 'test/unit/store/fixtures/store-child.mjs');

export async function bundleStore(outDir: string): Promise<string> {
  const outfile = join(outDir, 'store-bundle.mjs');
  await build({
    entryPoints: [join(root, 'src/store/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    external: ['@inquirer/prompts'], // children never prompt
    // tweetnacl is CommonJS and calls require('crypto'); give the ESM bundle a real require.
    banner: { js: "import { createRequire as __swarmctlRequire } from 'node:module'; const require = __swarmctlRequire(import.meta.url);" },
  });
  return outfile;
}
