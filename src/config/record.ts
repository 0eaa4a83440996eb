// Writing facts back into cluster.yaml (allocated mesh addresses) without losing the user's
// comments, ordering or formatting: the yaml Document API edits the parsed tree in place, and
// the file is replaced atomically so a crash leaves the old or the new file, never half of one.
import { readFileSync, statSync } from 'node:fs';
import { isMap, isSeq, parseDocument } from 'yaml';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';

/** Sets nodes[*].meshAddress for the named nodes; refuses to overwrite a different address. */
export function recordMeshAddresses(file: string, addresses: ReadonlyMap<string, string>): void {
  if (addresses.size === 0) return;
  const text = readFileSync(file, 'utf8');
  const doc = parseDocument(text, { keepSourceTokens: true });
  if (doc.errors.length) throw new UserError(`${file}: cannot record mesh addresses: ${doc.errors[0]!.message.split('\n')[0]}`);
  const nodes = doc.get('nodes');
  if (!isSeq(nodes)) throw new UserError(`${file}: no nodes list to record mesh addresses in`);
  const pending = new Map(addresses);
  for (const item of nodes.items) {
    if (!isMap(item)) continue;
    const name = String(item.get('name'));
    const addr = pending.get(name);
    if (addr === undefined) continue;
    const existing = item.get('meshAddress');
    if (existing !== undefined && String(existing) !== addr) {
      throw new UserError(`${file}: node ${name} already has meshAddress ${String(existing)}; not replacing it with ${addr}`, 'mesh addresses never change once recorded; reload the inventory and retry');
    }
    item.set('meshAddress', addr);
    pending.delete(name);
  }
  if (pending.size) throw new UserError(`${file}: nodes ${[...pending.keys()].join(', ')} are not in the inventory any more`, 'reload the inventory and retry');
  // lineWidth 0: the default (80) would re-fold every long line of the user's file.
  writeFileAtomic(file, doc.toString({ lineWidth: 0 }), statSync(file).mode & 0o777);
}
