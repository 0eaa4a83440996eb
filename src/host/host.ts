// The one interface every remote effect goes through. SSH implements it; tests may fake it.
import type Dockerode from 'dockerode';
import type { HostRef } from '../config/inventory.js';
import type { RemoteCommand } from './command.js';
import type { FileUpload } from './upload.js';

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface Host {
  readonly ref: HostRef;
  /** Opens the connection ahead of the first exec (so a timed exec does not include it). */
  connect?(): Promise<void>;
  /** Runs the command; throws RemoteCommandError unless the exit code is acceptable. */
  exec(cmd: RemoteCommand): Promise<ExecResult>;
  /** Atomic write with mode/owner; `changed` is false when the file was already identical. */
  upload(file: FileUpload): Promise<{ changed: boolean }>;
  /** Docker Engine API of this host, through the same connection. */
  docker(): Promise<Dockerode>;
  close(): Promise<void>;
}
