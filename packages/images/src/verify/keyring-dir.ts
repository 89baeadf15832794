// rejviz's own keyring: one file per pinned key (<FINGERPRINT>.gpg, that key alone, exported
// binary) under $XDG_DATA_HOME/rejviz/keyring, and an empty home directory gpg and gpgv are
// pointed at (--homedir and GNUPGHOME), so that neither ever reads or writes the user's ~/.gnupg
// nor its trustedkeys.kbx.
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Keyring {
  dir: string;
  /** The empty GnuPG home gpgv runs with. */
  home: string;
}

/** The keyring's directory for this environment. */
export function keyringDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share'), 'rejviz', 'keyring');
}

/** The keyring at `dir` (default: keyringDir(env)), created 0700 if new. */
export async function openKeyring(env: NodeJS.ProcessEnv, dir = keyringDir(env)): Promise<Keyring> {
  const home = join(dir, 'gnupg-home');
  await mkdir(home, { recursive: true, mode: 0o700 });
  return { dir, home };
}

/** The file holding the key with this fingerprint. */
export function keyFile(keyring: Keyring, fingerprint: string): string {
  return join(keyring.dir, `${fingerprint}.gpg`);
}
