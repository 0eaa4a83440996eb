// `swarmctl --help` must stay fast: the static import graph of the entry point may not reach
// any heavy dependency; commands pull theirs in with dynamic import() when they run.
import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;

function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith('.')) {
        const ts = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
        if (existsSync(ts)) visit(ts);
      } else packages.add(spec);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('lazy loading', () => {
  it('the entry point statically imports only node built-ins', () => {
    const { packages, files } = staticGraph(resolve('src/cli/main.ts'));
    expect([...packages].filter((p) => !p.startsWith('node:'))).toEqual([]);
    // Sanity: the walk really followed the command tables.
    expect([...files].some((f) => f.endsWith('lab-commands.ts'))).toBe(true);
  });
});
