// A public key's fingerprint as ssh-keygen -l and ssh's prompts show it: SHA256 of the key blob,
// base64 without padding. What output may show of a host key instead of the key itself.
import { createHash } from 'node:crypto';
import { assert } from '@rejviz/core';

/** `SHA256:…` of a `TYPE BASE64 [COMMENT]` public key. */
export function keyFingerprint(publicKey: string): string {
  const body = publicKey.trim().split(/\s+/)[1];
  assert(body !== undefined && /^[A-Za-z0-9+/]+={0,2}$/.test(body), 'a public key is TYPE BASE64 [COMMENT]');
  return `SHA256:${createHash('sha256').update(Buffer.from(body, 'base64')).digest('base64').replace(/=+$/, '')}`;
}
