// OpenSSH public keys for authorized_keys (--ssh-key FILE, and per-user keys).

import { shown, UsageError } from '@rejviz/core';

/** The key types accepted, as the first word of a .pub line. */
export const SSH_KEY_TYPES: readonly string[] = [
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
];

const PRIVATE = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|^PuTTY-User-Key-File-/m;
const RFC4716 = /^---- BEGIN SSH2 PUBLIC KEY ----/m;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The key type written inside a key body (its first SSH string), or undefined. */
function innerType(body: string): string | undefined {
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length < 4) return undefined;
  const length = bytes.readUInt32BE(0);
  return length > 0 && length <= 64 && bytes.length >= 4 + length ? bytes.subarray(4, 4 + length).toString('latin1') : undefined;
}

/** Why one `TYPE BODY [COMMENT]` line is not a usable public key, or undefined. */
function lineProblem(line: string): string | undefined {
  const [type = '', body] = line.split(/\s+/);
  if (!SSH_KEY_TYPES.includes(type)) {
    return `key type ${shown(type)} is not supported; use ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521 or sk-ssh-ed25519@openssh.com / sk-ecdsa-sha2-nistp256@openssh.com keys (authorized_keys options are not supported)`;
  }
  if (body === undefined) return `the ${type} key has no base64 body; pass the .pub file unchanged`;
  if (!BASE64.test(body)) return `the ${type} key body is not base64; pass the .pub file unchanged`;
  const inner = innerType(body);
  if (inner !== type) return `the key body holds ${inner === undefined ? 'no key' : `a ${shown(inner)} key`}, not ${type}; pass the .pub file unchanged`;
  return undefined;
}

/**
 * Checks OpenSSH public keys, one per line (blank lines and `#` comments skipped), and returns the
 * keys, trimmed. Refuses private keys. `source` starts every message, e.g. `--ssh-key id.pub`.
 */
export function validateSshPublicKey(text: string, source: string): string[] {
  if (PRIVATE.test(text)) {
    throw new UsageError(`${source}: this is a private key; pass the public key instead (the .pub file next to it, or the output of ssh-keygen -y -f KEY)`);
  }
  if (RFC4716.test(text)) {
    throw new UsageError(`${source}: this is an RFC 4716 (SSH2) public key; convert it to OpenSSH format with ssh-keygen -i -f FILE`);
  }
  const keys: string[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const problem = lineProblem(line);
    if (problem !== undefined) throw new UsageError(`${source}: line ${index + 1}: ${problem}`);
    keys.push(line);
  }
  if (keys.length === 0) throw new UsageError(`${source}: no public key found; pass an OpenSSH .pub file (ssh-keygen -t ed25519 writes one)`);
  return keys;
}

/** A key's identity for de-duplication: its type and body, without the comment. */
export function sshKeyIdentity(key: string): string {
  return key.trim().split(/\s+/).slice(0, 2).join(' ');
}
