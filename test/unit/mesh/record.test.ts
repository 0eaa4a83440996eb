import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordMeshAddresses } from '../../../src/config/record.js';
import { loadInventory } from '../../../src/config/load.js';

const YAML = `# my cluster — keep this comment
cluster: prod
nodes:
  # the first one
  - name: a
    address: 192.0.2.1   # public
    role: manager
  - name: b
    address: 192.0.2.2
    role: worker
    meshAddress: 10.99.0.7
`;

function file(text = YAML): string {
  const p = join(mkdtempSync(join(tmpdir(), 'record-')), 'cluster.yaml');
  writeFileSync(p, text, { mode: 0o640 });
  return p;
}

describe('recordMeshAddresses', () => {
  it('adds meshAddress, keeps comments and the rest of the file, and the result loads', () => {
    const p = file();
    recordMeshAddresses(p, new Map([['a', '10.99.0.1']]));
    const text = readFileSync(p, 'utf8');
    expect(text).toContain('# my cluster — keep this comment');
    expect(text).toContain('# the first one');
    expect(text).toContain('address: 192.0.2.1 # public');
    expect(text).toContain('meshAddress: 10.99.0.7');
    expect(loadInventory(p).nodes.map((n) => n.meshAddress)).toEqual(['10.99.0.1', '10.99.0.7']);
  });

  it('leaves long lines as they were (no re-folding at 80 columns)', () => {
    const long = `# ${'a long comment '.repeat(8)}\n`;
    const p = file(YAML.replace('cluster: prod\n', `cluster: prod\n${long}`).replace('192.0.2.2\n', `192.0.2.2\n    labels: { zone: ${'z'.repeat(70)}, rack: ${'r'.repeat(20)} }\n`));
    recordMeshAddresses(p, new Map([['a', '10.99.0.1']]));
    const text = readFileSync(p, 'utf8');
    expect(text).toContain(long);
    expect(text).toContain(`labels: { zone: ${'z'.repeat(70)}, rack: ${'r'.repeat(20)} }\n`);
  });

  it('never replaces a recorded address', () => {
    const p = file();
    expect(() => recordMeshAddresses(p, new Map([['b', '10.99.0.2']]))).toThrow(/already has meshAddress 10.99.0.7/);
    expect(readFileSync(p, 'utf8')).toBe(YAML);
  });

  it('refuses a node that is not in the file, and writes nothing', () => {
    const p = file();
    expect(() => recordMeshAddresses(p, new Map([['a', '10.99.0.1'], ['zz', '10.99.0.9']]))).toThrow(/zz/);
    expect(readFileSync(p, 'utf8')).toBe(YAML);
  });
});
