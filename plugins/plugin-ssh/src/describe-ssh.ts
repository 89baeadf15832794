// What output (`--json`, status, plan) may say about a machine's ssh: where and as whom to log in,
// and the pinned host keys as fingerprints. Built from public data only (paths, public keys), so
// no private key can reach it.
import { keyFingerprint } from './key-fingerprint.js';
import type { HostKeys } from './lab-keys.js';
import { HOST_KEY_TYPES, type HostKeyType } from './lab-ssh-paths.js';
import type { SshTarget } from './ssh-target.js';

export interface MachineSshSummary {
  name: string;
  hostName: string;
  port: number;
  user: string;
  identityFile: string;
  knownHostsFile: string;
  hostKeyAlias: string;
  hostKeys: { type: HostKeyType; fingerprint: string }[];
}

/** A machine's ssh access as it may be shown. */
export function describeMachineSsh(target: SshTarget, hostKeys: HostKeys): MachineSshSummary {
  const { name, hostName, port, user, identityFile, knownHostsFile, hostKeyAlias } = target;
  return {
    name, hostName, port, user, identityFile, knownHostsFile, hostKeyAlias,
    hostKeys: HOST_KEY_TYPES.map((type) => ({ type, fingerprint: keyFingerprint(hostKeys[type].publicKey) })),
  };
}
