// NoCloud instance ids. cloud-init runs its once-per-instance modules (users, keys, hostname)
// again whenever the id changes, so every new seed gets a fresh one.

import { randomBytes } from 'node:crypto';
import { assert, shown, UsageError } from '@rejviz/core';
import { OPTIONS } from './option-names.js';

/** A source of random bytes (node:crypto's randomBytes by default; tests inject a fixed one). */
export type RandomBytes = (size: number) => Uint8Array;

/** A fresh instance id: `iid-rejviz-` followed by 16 hex digits (64 random bits). */
export function newInstanceId(random: RandomBytes = randomBytes): string {
  const bytes = random(8);
  assert(bytes.length === 8, `random source returned ${bytes.length} bytes, expected 8`);
  return `iid-rejviz-${Buffer.from(bytes).toString('hex')}`;
}

/** Checks an instance id given by the user: 1-128 printable ASCII characters, no spaces. */
export function validateInstanceId(id: string, option: string = OPTIONS.instanceId): string {
  if (!/^[\x21-\x7e]{1,128}$/.test(id)) {
    throw new UsageError(
      `${option} ${shown(id)}: not a usable instance id; use 1-128 printable characters without spaces, e.g. iid-web-1`,
    );
  }
  return id;
}
