// swarmctl init: cluster.yaml (prompts on a terminal, or flags), the secret store, the SSH deploy
// key. Never overwrites: an existing cluster.yaml is used as is (e.g. the lab's), an existing
// store is opened, an existing deploy key is kept and its public line printed again.
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { relative, resolve, dirname } from 'node:path';
import type { Context, ParsedArgs } from './command.js';
import { UserError } from '../errors.js';
import { loadInventory } from '../config/load.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { createStore, openStore, resolveNewStoreKey, resolveStoreKey, storeExists, type Store } from '../store/index.js';
import { askAnswers, parseNodeFlag, renderClusterYaml, type InitAnswers } from '../bootstrap/scaffold.js';
import { DEPLOY_KEY_NAME, generateDeployKey, publicLineOf } from '../bootstrap/deploy-key.js';

export async function run(ctx: Context, args: ParsedArgs): Promise<number> {
  const v = args.values;
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const nodeFlags = (v.node as string[] | undefined) ?? [];
  const shown = relative(ctx.cwd, ctx.configPath) || ctx.configPath;
  const keyFile = str('key-file');
  if (existsSync(ctx.configPath)) {
    if (str('name') || nodeFlags.length) throw new UserError(`${shown} already exists; init never overwrites it`, 'edit it by hand, or pass -c NEW.yaml');
    ctx.err(`using the existing ${shown}`);
  } else {
    let answers: InitAnswers;
    const common = { ...(str('mesh-cidr') ? { meshCidr: str('mesh-cidr')! } : {}), ...(str('user') ? { user: str('user')! } : {}), ...(v.autolock ? { autolock: true } : {}) };
    if (str('name') || nodeFlags.length) {
      if (!str('name') || nodeFlags.length === 0) throw new UserError('init needs both --name and at least one --node', 'swarmctl init --name prod --node name=node1,address=203.0.113.10,role=manager');
      answers = { cluster: str('name')!, nodes: nodeFlags.map(parseNodeFlag), ...common };
    } else if (ctx.stdin.isTTY) {
      answers = { ...(await askAnswers(ctx)), ...common };
    } else {
      throw new UserError('not on a terminal: pass the inventory as flags', 'swarmctl init --name prod --node name=node1,address=203.0.113.10,role=manager [--node ...]');
    }
    if (keyFile) answers.keyFile = relative(dirname(ctx.configPath), resolve(ctx.cwd, keyFile));
    const text = renderClusterYaml(answers, shown);
    if (existsSync(ctx.configPath)) throw new UserError(`${shown} appeared while init ran; not overwriting it`);
    writeFileAtomic(ctx.configPath, text, 0o644);
    ctx.err(`wrote ${shown}`);
  }

  const inv = loadInventory(ctx.configPath, ctx.cwd);
  const keyOpts = { ...(keyFile ? { keyFile } : {}), ...(str('passphrase-file') ? { passphraseFile: str('passphrase-file')! } : {}) };
  const rawKey = keyFile ? resolve(ctx.cwd, keyFile) : inv.storeKeyFile;
  let store: Store;
  if (!storeExists(inv.storePath)) {
    // A key file named but absent is created here: 32 random bytes, owner-only.
    if (rawKey && !existsSync(rawKey) && !keyOpts.passphraseFile) {
      writeFileAtomic(rawKey, randomBytes(32), 0o600);
      ctx.err(`wrote store key ${relative(ctx.cwd, rawKey)} (0600): keep it out of the repository and backed up`);
    }
    // createStore returns the store open: no second passphrase prompt, no second KDF run.
    store = await createStore(inv.storePath, await resolveNewStoreKey(ctx, inv, keyOpts));
    ctx.err(`created the secret store ${relative(ctx.cwd, inv.storePath)}`);
  } else {
    ctx.err(`using the existing secret store ${relative(ctx.cwd, inv.storePath)}`);
    store = await openStore(inv.storePath, await resolveStoreKey(ctx, inv, keyOpts));
  }
  const comment = `swarmctl-${inv.cluster}`;
  let publicLine: string;
  if (store.has(DEPLOY_KEY_NAME)) {
    publicLine = publicLineOf(store.get(DEPLOY_KEY_NAME), comment);
    ctx.err(`the deploy key ${DEPLOY_KEY_NAME} already exists; its public key:`);
  } else {
    const key = await generateDeployKey(comment);
    await store.transaction((tx) => tx.setIfAbsent(DEPLOY_KEY_NAME, () => key.privateKey.reveal(), { kind: 'ssh-private-key', usedBy: ['ssh'] }));
    publicLine = key.publicLine;
    ctx.err(`generated the SSH deploy key ${DEPLOY_KEY_NAME} (RSA 4096) into the store; add this line to ~/.ssh/authorized_keys of ${inv.nodes[0]?.user ?? 'root'} on every host:`);
  }
  ctx.out(publicLine);
  ctx.err('next: swarmctl doctor, then swarmctl bootstrap');
  return 0;
}
