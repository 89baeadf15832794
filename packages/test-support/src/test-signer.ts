// A throw-away OpenPGP signer for the image tests: an ed25519 key without passphrase, made in a
// private GNUPGHOME under the temp dir (never the user's ~/.gnupg), with what a distribution
// publishes: detached (binary or armored) and clearsigned signatures of checksum files, and the
// public key as a file. Plus the checksum files themselves, GNU and BSD style. Its gpg-agent is
// stopped and its home removed by remove().
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestSigner {
  home: string;
  /** The primary key's full fingerprint (40 uppercase hex digits). */
  fingerprint: string;
  /** The public key, binary (as a Debian keyring file). */
  publicKey: string;
  /** The public key, ASCII-armored (as a distribution's RPM-GPG-KEY file). */
  armoredPublicKey: string;
  /** Writes a detached signature of `file` to `out`. */
  detachSign(file: string, out: string, options?: { armor?: boolean }): void;
  /** Writes `file` clearsigned to `out`. */
  clearsign(file: string, out: string): void;
  /** Stops the agent and removes the home; safe to call twice. */
  remove(): Promise<void>;
}

export interface ChecksumLine {
  name: string;
  hex: string;
}

const gpg = (home: string, args: string[]) =>
  execFileSync('gpg', ['--homedir', home, '--batch', '--yes', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Makes a new key in a new home; about 0.1 s. */
export async function createTestSigner(uid = 'rejviz test signer <signer@rejviz.invalid>'): Promise<TestSigner> {
  const home = await mkdtemp(join(tmpdir(), 'rjv-gpg-'));
  gpg(home, ['--quick-gen-key', uid, 'ed25519', 'sign', 'never']);
  const colons = gpg(home, ['--with-colons', '--list-keys']);
  const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(colons)?.[1];
  if (!fingerprint) throw new Error(`no fingerprint in gpg --list-keys output:\n${colons}`);
  const publicKey = join(home, 'public.gpg');
  const armoredPublicKey = join(home, 'public.asc');
  gpg(home, ['--output', publicKey, '--export', fingerprint]);
  gpg(home, ['--armor', '--output', armoredPublicKey, '--export', fingerprint]);
  let removed = false;
  return {
    home, fingerprint, publicKey, armoredPublicKey,
    detachSign: (file, out, options = {}) => void gpg(home, ['--local-user', fingerprint, ...(options.armor ? ['--armor'] : []), '--output', out, '--detach-sign', file]),
    clearsign: (file, out) => void gpg(home, ['--local-user', fingerprint, '--output', out, '--clearsign', file]),
    async remove() {
      if (removed) return;
      removed = true;
      execFileSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'], { stdio: 'ignore' });
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** The hex digest of a file. */
export async function fileDigest(path: string, algorithm: 'sha256' | 'sha512' = 'sha256'): Promise<string> {
  return createHash(algorithm).update(await readFile(path)).digest('hex');
}

/** A GNU coreutils checksum file: `HASH  name` (text) or `HASH *name` (binary, as Ubuntu's). */
export function gnuChecksums(lines: readonly ChecksumLine[], mode: 'text' | 'binary' = 'text'): string {
  return lines.map((l) => `${l.hex}${mode === 'binary' ? ' *' : '  '}${l.name}\n`).join('');
}

/** A BSD-style checksum file as Fedora's CHECKSUM: `# name: N bytes` comments, `SHA256 (name) = HASH`. */
export function bsdChecksums(lines: readonly (ChecksumLine & { size?: number })[], algorithm: 'SHA256' | 'SHA512' = 'SHA256'): string {
  return lines.map((l) => `${l.size === undefined ? '' : `# ${l.name}: ${l.size} bytes\n`}${algorithm} (${l.name}) = ${l.hex}\n`).join('');
}
