// Secret names: the documented examples pass; path tricks, control characters and odd
// characters never do.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nameProblem } from '../../../src/store/index.js';
import { generateSecret, CHARSETS } from '../../../src/store/index.js';

describe('secret names', () => {
  it('accepts the documented shapes', () => {
    for (const n of ['app/db_password', 'wireguard/node1/private', 'wireguard/psk/node1--node2', 'swarm/token.worker', 'A9']) {
      expect(nameProblem(n), n).toBeUndefined();
    }
  });

  it('refuses traversal, empty segments, newlines and other characters', () => {
    for (const n of ['', '..', 'a/../b', 'a..b', '/abs', 'trail/', 'a//b', '.hidden', 'a/-x', 'a b', 'a\nb', 'ä', 'a\\b', 'a:b', 'x'.repeat(201)]) {
      expect(nameProblem(n), JSON.stringify(n)).toBeDefined();
    }
  });

  it('never accepts a name containing "..", a newline, or a non-[A-Za-z0-9._/-] character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        if (nameProblem(s) === undefined) {
          expect(s).toMatch(/^[A-Za-z0-9._/-]+$/);
          expect(s).not.toContain('..');
          expect(s.split('/')).not.toContain('');
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('generated values', () => {
  it('have the requested length and only the charset', () => {
    for (const [cs, alphabet] of Object.entries(CHARSETS)) {
      const v = generateSecret(64, cs as keyof typeof CHARSETS);
      expect(v).toHaveLength(64);
      for (const ch of v) expect(alphabet).toContain(ch);
    }
    expect(() => generateSecret(4)).toThrow(/--length/);
  });
});
