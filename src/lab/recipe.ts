// Image tags derived from the recipe's content: an unchanged recipe is never rebuilt, a changed
// one gets a new tag (old labs keep running on the old image until `lab down`).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bootstrap/lab/ of this package (dist/lab/recipe.js → ../../bootstrap/lab). */
export function recipeDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bootstrap', 'lab');
}

export interface RecipeFile {
  path: string;
  content: Buffer | string;
}

/** 12 hex digits over file names and contents (order-independent) plus extra inputs. */
export function recipeHash(files: RecipeFile[], extra: string[] = []): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    h.update(`${f.path}\0${f.content.length}\0`).update(f.content);
  }
  for (const e of extra) h.update(`extra\0${e}\0`);
  return h.digest('hex').slice(0, 12);
}

function readTree(root: string, paths: string[]): RecipeFile[] {
  const out: RecipeFile[] = [];
  const walk = (p: string) => {
    if (statSync(p).isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else out.push({ path: relative(root, p), content: readFileSync(p) });
  };
  for (const p of paths) walk(join(root, p));
  return out;
}

export interface ImageTags {
  base: string;
  node: string;
  app: string;
}

/** Tags for the current recipe. `busyboxVersion` goes into the app tag: the binary is copied from this machine. */
export function imageTags(dir = recipeDir(), busyboxVersion = ''): ImageTags {
  const baseFiles = readTree(dir, ['build-node-base.sh', 'node-packages.txt']);
  const base = recipeHash(baseFiles);
  const node = recipeHash([...baseFiles, ...readTree(dir, ['build-node-image.sh', 'node'])]);
  const app = recipeHash(readTree(dir, ['build-app-image.sh']), [busyboxVersion]);
  return { base: `swarmctl-node-base:${base}`, node: `swarmctl-node:${node}`, app: `swarmctl-app:${app}` };
}
