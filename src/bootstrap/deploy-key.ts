// The SSH deploy key swarmctl uses to reach the hosts. node-forge encodes only RSA keys in
// OpenSSH formats (its ed25519 has no OpenSSH encoder), so this is RSA 4096. node-forge hands the
// generation to Node's native crypto when available, so it takes about a second, not minutes.
import forge from 'node-forge';
import { Secret } from '../util/redact.js';

export const DEPLOY_KEY_NAME = 'ssh/deploy-key';
export const DEPLOY_KEY_BITS = 4096;

export interface DeployKey {
  /** PEM (PKCS#1) private key, which OpenSSH reads as an identity file. */
  privateKey: Secret;
  /** `ssh-rsa AAAA... comment`: the line for authorized_keys. */
  publicLine: string;
}

export function generateDeployKey(comment: string, bits = DEPLOY_KEY_BITS): Promise<DeployKey> {
  return new Promise((resolve, reject) => {
    forge.pki.rsa.generateKeyPair({ bits, e: 0x10001 }, (err, pair) => {
      if (err) return reject(err);
      resolve({
        privateKey: new Secret(forge.ssh.privateKeyToOpenSSH(pair.privateKey)),
        publicLine: forge.ssh.publicKeyToOpenSSH(pair.publicKey, comment).trim(),
      });
    });
  });
}

/** The public line of a stored private key (re-running init prints it again). */
export function publicLineOf(privatePem: Secret, comment: string): string {
  const key = forge.pki.privateKeyFromPem(privatePem.reveal()) as forge.pki.rsa.PrivateKey;
  return forge.ssh.publicKeyToOpenSSH(forge.pki.setRsaPublicKey(key.n, key.e), comment).trim();
}
