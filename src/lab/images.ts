// Building the lab images (node, app) when their recipe tag is missing. The shell recipes in
// bootstrap/lab/ do the building; they lock against concurrent builds by other labs.
import { execa } from 'execa';
import { join } from 'node:path';
import { OperationError } from '../errors.js';
import { imageExists } from './docker.js';
import { imageTags, recipeDir, type ImageTags } from './recipe.js';

export async function busyboxVersion(): Promise<string> {
  const r = await execa('dpkg-query', ['-W', '-f', '${Version}', 'busybox-static'], { reject: false });
  return r.exitCode === 0 ? String(r.stdout) : 'missing';
}

export async function currentTags(): Promise<ImageTags> {
  return imageTags(recipeDir(), await busyboxVersion());
}

async function runRecipe(script: string, args: string[]): Promise<void> {
  const r = await execa('bash', [join(recipeDir(), script), ...args], { reject: false, all: true, encoding: 'utf8' });
  if (r.exitCode !== 0) {
    const tail = String(r.all ?? '').trim().split('\n').slice(-5).join(' | ');
    throw new OperationError(`bootstrap/lab/${script} failed (exit ${r.exitCode}): ${tail}`, 'bash bootstrap/control-prereqs.sh, then retry');
  }
}

export type Built = 'cached' | 'built';

/** Node image: imported Debian base (slow, ~1 min) plus a thin init layer (seconds). */
export async function ensureNodeImage(tags: ImageTags, report: (s: string) => void): Promise<Built> {
  if (await imageExists(tags.node)) return 'cached';
  if (!(await imageExists(tags.base))) {
    report(`debootstrap + docker import ${tags.base} (about a minute)`);
    await runRecipe('build-node-base.sh', [tags.base]);
  }
  report(`docker build ${tags.node}`);
  await runRecipe('build-node-image.sh', [tags.base, tags.node]);
  return 'built';
}

export async function ensureAppImage(tags: ImageTags): Promise<Built> {
  // Also (re)tags swarmctl-app:latest, which is cheap; the script skips the build when cached.
  const cached = await imageExists(tags.app);
  await runRecipe('build-app-image.sh', [tags.app]);
  return cached ? 'cached' : 'built';
}
