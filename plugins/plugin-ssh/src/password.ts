// A login password, when a lab asks for one: generated here, shown to the user once, and stored in
// the guest only as a SHA-512 crypt hash (cloud-init's hashed_passwd).
import { randomInt } from 'node:crypto';
import { assert, type Runner } from '@rejviz/core';

// No 0/O/o, 1/l/I: the password is read off a terminal and typed again, maybe on a console.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A random password of `length` characters (20: about 115 bits). */
export function generatePassword(length = 20): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

// crypt(3)'s SHA-512 form: $6$, a salt of up to 16 characters, $, 86 characters of hash.
const SHA512_CRYPT = /^\$6\$[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{86}$/;

/** True when `hash` is a SHA-512 crypt hash, as hashed_passwd needs. */
export function isSha512Crypt(hash: string): boolean {
  return SHA512_CRYPT.test(hash);
}

/**
 * The SHA-512 crypt hash of `password`, with a random salt, by `openssl passwd -6`. The password
 * goes on stdin, never in argv, where any user could read it (ps, /proc/PID/cmdline).
 */
export async function sha512Crypt(password: string, runner: Runner): Promise<string> {
  // -stdin reads one password per line.
  assert(password !== '' && !/[\r\n]/.test(password), 'a password to hash must be one non-empty line');
  // readOnly: a computation that changes nothing, so --dry-run shows the real seed.
  const result = await runner.run('openssl', ['passwd', '-6', '-stdin'], { input: `${password}\n`, readOnly: true, installHint: 'apt-get install openssl' });
  const hash = result.stdout.trim();
  assert(isSha512Crypt(hash), `openssl passwd -6 gave no SHA-512 crypt hash: ${JSON.stringify(hash.slice(0, 10))}…`);
  return hash;
}
