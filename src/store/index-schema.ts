// The decrypted index: names, kinds, versions, who uses what, the journal, and the hashes that
// bind the header and every entry to this exact file. Validated even though it was
// authenticated, because a bug in an older writer must not become undefined behaviour here.
import { z } from 'zod';
import { SECRET_KINDS } from './types.js';

const versionSchema = z.object({
  version: z.number().int().positive(),
  createdAt: z.string(),
  /** Position of this version's entry in the file. */
  entry: z.number().int().nonnegative(),
});

const secretSchema = z.object({
  name: z.string(),
  kind: z.enum(SECRET_KINDS),
  usedBy: z.array(z.string()),
  versions: z.array(versionSchema).min(1),
});

export const indexSchema = z.object({
  format: z.literal(1),
  /** Commit counter; every commit increments it. */
  generation: z.number().int().nonnegative(),
  /** sha256 of the 64 header bytes. */
  header: z.string(),
  /** sha256 of each entry (nonce || box), in file order. */
  entries: z.array(z.string()),
  secrets: z.array(secretSchema),
  journal: z.record(z.string(), z.unknown()),
});

export type StoreIndex = z.infer<typeof indexSchema>;
