// Where a lab's ssh files live, under the lab's 0700 state directory (one place for the layout):
//   ssh/id_ed25519(.pub)                                  the lab's login key
//   ssh/known_hosts                                       the pinned host keys of every machine
//   ssh/hostkeys/MACHINE/ssh_host_{ed25519,ecdsa,rsa}_key(.pub)   each guest's host keys
import { join } from 'node:path';
import { assert } from '@rejviz/core';

/** The host key types a guest gets, all three: sshd would make any missing one itself, unpinned. */
export const HOST_KEY_TYPES = ['ed25519', 'ecdsa', 'rsa'] as const;
export type HostKeyType = (typeof HOST_KEY_TYPES)[number];

// The lab file's machine names (packages/up/schemas/lab.schema.json); checked again here because
// a name becomes a directory that removeMachineKeys deletes.
const MACHINE = /^[a-z][a-z0-9-]{0,31}$/;

/** DIR/ssh: everything ssh of the lab. */
export function sshDir(labDir: string): string {
  return join(labDir, 'ssh');
}

/** The lab's own login key (private; the public key is this path + .pub). */
export function labKeyPath(labDir: string): string {
  return join(sshDir(labDir), 'id_ed25519');
}

/** The lab's known_hosts file. */
export function knownHostsPath(labDir: string): string {
  return join(sshDir(labDir), 'known_hosts');
}

/** The directory holding every machine's host key directory. */
export function allHostKeysDir(labDir: string): string {
  return join(sshDir(labDir), 'hostkeys');
}

/** The directory of one machine's host keys. */
export function hostKeyDir(labDir: string, machine: string): string {
  assert(MACHINE.test(machine), `machine name ${JSON.stringify(machine)} is not one the lab file allows`);
  return join(allHostKeysDir(labDir), machine);
}

/** One host private key of a machine (the public key is this path + .pub), named as in /etc/ssh. */
export function hostKeyPath(labDir: string, machine: string, type: HostKeyType): string {
  return join(hostKeyDir(labDir, machine), `ssh_host_${type}_key`);
}
