import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execa } from 'execa';
import { randomBytes } from 'node:crypto';
import { clamp, decodeKey, generatePrivateKey, generatePsk, isLowOrder, keyProblem, publicKeyOf } from '../../../src/mesh/keys.js';

const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

describe('keys', () => {
  it('derives the RFC 7748 test vector public key', () => {
    const priv = b64('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
    expect(publicKeyOf(priv)).toBe(b64('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a'));
  });

  it('generates clamped 44-character keys that validate, wrapped as secrets', () => {
    const k = generatePrivateKey();
    expect(String(k)).toBe('[REDACTED]');
    const raw = decodeKey(k.reveal())!;
    expect(k.reveal()).toHaveLength(44);
    expect(Buffer.from(clamp(raw)).equals(Buffer.from(raw))).toBe(true);
    expect(keyProblem(k.reveal(), 'private')).toBeUndefined();
    expect(keyProblem(generatePsk().reveal(), 'psk')).toBeUndefined();
  });

  it.each([
    ['too short', 'AAAA', /expected 44/],
    ['no padding', 'A'.repeat(44), /canonical/],
    ['non-canonical last symbol', `${'A'.repeat(42)}B=`, /canonical/],
    ['bad character', `${'A'.repeat(41)}*A=`, /canonical/],
    ['newline inside', `${'A'.repeat(21)}\n${'A'.repeat(21)}=`, /canonical/],
  ])('refuses %s', (_what, key, why) => {
    expect(keyProblem(key, 'psk')).toMatch(why);
  });

  const lowOrder = [
    '0000000000000000000000000000000000000000000000000000000000000000',
    '0100000000000000000000000000000000000000000000000000000000000000',
    'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
    '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  ];
  it.each(lowOrder)('refuses low-order public key %s (and with the top bit set)', (hex) => {
    expect(keyProblem(b64(hex), 'public')).toMatch(/low-order/);
    const top = Buffer.from(hex, 'hex');
    top[31]! |= 0x80;
    expect(isLowOrder(top)).toBe(true);
  });

  it('round-trips any 32 bytes through canonical base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        expect(Buffer.from(decodeKey(text)!).equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });

  it('derives the same public key as `wg pubkey` for 1,000 random private keys', async () => {
    const keys = Array.from({ length: 1000 }, () => randomBytes(32).toString('base64'));
    // Keys go in on stdin and reach each `wg pubkey` through a pipe from a shell builtin: no argv.
    const r = await execa('sh', ['-c', 'while read -r k; do printf "%s\\n" "$k" | wg pubkey || echo FAILED; done'], { input: `${keys.join('\n')}\n` });
    const wg = r.stdout.trim().split('\n');
    expect(wg).toHaveLength(1000);
    expect(keys.map((k) => publicKeyOf(k))).toEqual(wg);
  });
});
