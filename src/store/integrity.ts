// The one error a damaged or tampered store raises. Exit 1 (the operation failed), and every
// message names what was detected so "wrong passphrase" is never confused with truncation.
import { OperationError } from '../errors.js';

const HINT = 'the store file is damaged or was tampered with; restore it from version control (git checkout -- <store>) and retry';

export class StoreIntegrityError extends OperationError {
  constructor(message: string, hint = HINT) {
    super(message, hint);
  }
}

export const WRONG_KEY_MESSAGE = 'wrong passphrase or corrupted store';
export const WRONG_KEY_HINT = 'check the passphrase (or key file); if it is right, the store header is damaged: restore the file from version control';
