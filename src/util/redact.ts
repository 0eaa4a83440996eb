// Secret values wrapped so they cannot be printed by accident, plus a process-wide registry
// of values that must never appear in any message we print (errors include remote stderr).
import { inspect } from 'node:util';

const known = new Set<string>();
const MIN_REDACT_LEN = 6; // shorter strings would scrub ordinary words out of messages

export class Secret {
  readonly #value: string | Buffer;
  constructor(value: string | Buffer) {
    this.#value = value;
    const s = typeof value === 'string' ? value : value.toString('utf8');
    if (s.length >= MIN_REDACT_LEN) known.add(s);
    if (typeof value !== 'string') {
      const b64 = value.toString('base64');
      if (b64.length >= MIN_REDACT_LEN) known.add(b64);
    }
  }
  reveal(): string {
    return typeof this.#value === 'string' ? this.#value : this.#value.toString('utf8');
  }
  revealBuffer(): Buffer {
    return typeof this.#value === 'string' ? Buffer.from(this.#value, 'utf8') : this.#value;
  }
  toString(): string {
    return '[REDACTED]';
  }
  toJSON(): string {
    return '[REDACTED]';
  }
  [inspect.custom](): string {
    return 'Secret([REDACTED])';
  }
}

/** Remember a value that must be scrubbed from anything we print. */
export function registerSecret(value: string): void {
  if (value.length >= MIN_REDACT_LEN) known.add(value);
}

/** Replace every registered secret value in `text` with [REDACTED]. */
export function redact(text: string): string {
  let out = text;
  for (const v of known) if (out.includes(v)) out = out.split(v).join('[REDACTED]');
  return out;
}
