// The lab's known_hosts: every machine's host keys, pinned before its first boot. Lines are filed
// under the machine's HostKeyAlias (its libvirt domain name, e.g. `mylab_db ssh-ed25519 AAAA…`),
// not [address]:port, so one file serves every address and forwarded port a machine has, and a
// port that later goes to another machine never matches the old one's keys.
import { writeFileAtomic } from './atomic-write.js';
import { assertSshName } from './ssh-target.js';

export interface KnownHost {
  /** The HostKeyAlias the keys are filed under. */
  alias: string;
  /** Public keys, `TYPE BASE64 [COMMENT]` each (the comment is dropped). */
  publicKeys: readonly string[];
}

const HEADER = '# Host keys of this lab\'s machines, pinned by rejviz (filed under each HostKeyAlias); rewritten on every run\n';

/** The known_hosts text: one `ALIAS TYPE BASE64` line per key. */
export function renderKnownHosts(hosts: readonly KnownHost[]): string {
  const lines = hosts.flatMap((host) => {
    assertSshName(host.alias, 'HostKeyAlias');
    return host.publicKeys.map((key) => `${host.alias} ${key.trim().split(/\s+/).slice(0, 2).join(' ')}\n`);
  });
  return HEADER + lines.join('');
}

/** Replaces the known_hosts file at `path` atomically (ssh may be reading it), mode 0600. */
export async function writeKnownHosts(path: string, hosts: readonly KnownHost[]): Promise<void> {
  await writeFileAtomic(path, renderKnownHosts(hosts), 0o600);
}
