// Checks a checksum file's signature with gpgv against rejviz's keyring, accepting it only when a
// good signature's primary key fingerprint is one of the pins (gpgv-status.ts says why the exit
// code is not enough). Detached (SHA256SUMS + SHA256SUMS.gpg) and clearsigned (Fedora's CHECKSUM);
// for a clearsigned file the text returned is what gpgv wrote with --output -, the signed text
// alone, which is all that may be parsed.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createPrivateDir, tail, type Runner } from '@rejviz/core';
import { ImageError } from '../image-error.js';
import { parseGpgvStatus, type SignatureStatus } from './gpgv-status.js';
import type { Keyring } from './keyring-dir.js';

export interface SignatureCheck {
  runner: Runner;
  keyring: Keyring;
  /** The keyring files of the pinned keys. */
  keyFiles: string[];
  /** Full primary key fingerprints, uppercase. */
  pins: string[];
  /** The signed file's URL, for messages. */
  what: string;
}

const short = (fpr: string) => (fpr.length > 16 ? `${fpr.slice(0, 4)}…${fpr.slice(-16)}` : fpr);

/** The pinned primary fingerprint that made a good signature; else the one-line reason. */
export function pinnedSigner(sigs: SignatureStatus[], pins: string[], what: string): string {
  const bad = sigs.find((s) => s.result === 'bad');
  if (bad) throw new ImageError('signature', `BAD signature on ${what} (key ${bad.keyId}): the file was altered or the signature does not belong to it`);
  const good = sigs.filter((s) => s.result === 'good' && s.primary !== null);
  const pinned = good.find((s) => pins.includes(s.primary!.toUpperCase()));
  if (pinned) return pinned.primary!.toUpperCase();
  const pinList = pins.map(short).join(', ');
  if (good.length > 0) throw new ImageError('signature', `${what} is signed by ${good[0]!.primary}, which is not a pinned key (pinned: ${pinList}); refusing it`);
  const other = sigs.find((s) => s.result !== 'error' && s.result !== 'no-key');
  if (other) throw new ImageError('signature', `the signature on ${what} by key ${other.keyId} is ${other.result.replace('-', ' ')}; refresh the key or report it to the publisher`);
  const unknown = sigs.find((s) => s.result === 'no-key');
  if (unknown) throw new ImageError('signature', `${what} is signed by key ${unknown.keyId}, which is not a pinned key (pinned: ${pinList}); refusing it`);
  throw new ImageError('signature', `${what} carries no signature gpgv could read; refusing it`);
}

function gpgvArgs(check: SignatureCheck, statusFd: 1 | 2): string[] {
  return ['--homedir', check.keyring.home, '--status-fd', String(statusFd), ...check.keyFiles.flatMap((k) => ['--keyring', k])];
}

async function runGpgv(check: SignatureCheck, args: string[], statusFd: 1 | 2): Promise<{ stdout: string; signer: string }> {
  const res = await check.runner.run('gpgv', [...gpgvArgs(check, statusFd), ...args], {
    readOnly: true, allowFailure: true, installHint: 'apt-get install gpgv', env: { GNUPGHOME: check.keyring.home },
  });
  const sigs = parseGpgvStatus(statusFd === 1 ? res.stdout : res.stderr);
  if (sigs.length === 0 && res.exitCode !== 0) {
    throw new ImageError('signature', `gpgv could not check ${check.what}: ${tail(res.stderr, 1) || `exit code ${res.exitCode}`}`);
  }
  return { stdout: res.stdout, signer: pinnedSigner(sigs, check.pins, check.what) };
}

async function inScratch<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const scratch = await createPrivateDir('rejviz-verify-');
  try {
    return await fn(scratch.path);
  } finally {
    await scratch.remove();
  }
}

/** Verifies a detached signature over `data`; returns the signer's primary fingerprint. */
export function verifyDetached(check: SignatureCheck, data: Buffer, signature: Buffer): Promise<string> {
  return inScratch(async (dir) => {
    const dataFile = join(dir, 'signed');
    const sigFile = join(dir, 'signature');
    await writeFile(dataFile, data);
    await writeFile(sigFile, signature);
    return (await runGpgv(check, [sigFile, dataFile], 1)).signer;
  });
}

/** Verifies a clearsigned file; returns the signer and the signed text (and nothing around it). */
export function verifyClearsigned(check: SignatureCheck, file: Buffer): Promise<{ signer: string; text: string }> {
  if (!file.includes('-----BEGIN PGP SIGNED MESSAGE-----')) {
    return Promise.reject(new ImageError('signature', `${check.what} is not clearsigned (no BEGIN PGP SIGNED MESSAGE block); refusing it`));
  }
  return inScratch(async (dir) => {
    const signed = join(dir, 'clearsigned');
    await writeFile(signed, file);
    // --output - puts the verified text on stdout, so the status lines go to stderr.
    const { stdout, signer } = await runGpgv(check, ['--output', '-', signed], 2);
    return { signer, text: stdout };
  });
}
