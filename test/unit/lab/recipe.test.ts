import { describe, expect, it } from 'vitest';
import { imageTags, recipeHash } from '../../../src/lab/recipe.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

describe('image recipe hash', () => {
  it('depends on names and contents, not on order', () => {
    const a = { path: 'a.sh', content: 'echo a' };
    const b = { path: 'b.txt', content: 'docker.io' };
    expect(recipeHash([a, b])).toMatch(/^[0-9a-f]{12}$/);
    expect(recipeHash([a, b])).toBe(recipeHash([b, a]));
    expect(recipeHash([a, b])).not.toBe(recipeHash([a, { ...b, content: 'docker.io\ncurl' }]));
    expect(recipeHash([a])).not.toBe(recipeHash([{ ...a, path: 'c.sh' }]));
    expect(recipeHash([a], ['1.35'])).not.toBe(recipeHash([a], ['1.36']));
  });

  it('tags the images of the checked-in recipe', () => {
    const dir = join(fileURLToPath(new URL('../../..', import.meta.url)), 'bootstrap', 'lab');
    const t = imageTags(dir, '1:1.35.0');
    expect(t.base).toMatch(/^swarmctl-node-base:[0-9a-f]{12}$/);
    expect(t.node).toMatch(/^swarmctl-node:[0-9a-f]{12}$/);
    expect(t.app).toMatch(/^swarmctl-app:[0-9a-f]{12}$/);
    expect(imageTags(dir, '1:1.35.0')).toEqual(t);
  });
});
