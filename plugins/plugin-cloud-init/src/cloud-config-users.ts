// Users that rejviz adds to cloud-config's `users:` list.

import { shown, UsageError } from '@rejviz/core';
import { isMap, isScalar, type YAMLSeq } from 'yaml';
import { OPTIONS } from './option-names.js';

/** A user to create in the guest, with passwordless sudo or none, logging in by SSH key only. */
export interface CloudInitUser {
  name: string;
  sudo: boolean;
  sshKeys: string[];
}

/** The sudo rule cloud-init's documentation gives for an administrator without a password. */
export const SUDO_ALL = 'ALL=(ALL) NOPASSWD:ALL';

// useradd's default NAME_REGEX (Debian adduser is stricter; this is the common ground).
const USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;

/** Checks a user name: a valid Linux login, and not one cloud-init treats specially. */
export function validateUserName(name: string): string {
  if (!USER_NAME.test(name)) {
    throw new UsageError(`${OPTIONS.user} ${shown(name)}: not a valid user name; use up to 32 of a-z 0-9 _ -, starting with a letter or _`);
  }
  if (name === 'root' || name === 'default') {
    const why = name === 'root' ? 'root exists in every image' : "'default' means the image's default user in cloud-config";
    throw new UsageError(`${OPTIONS.user} ${name}: ${why}; pick another name (keys for the default user go in ${OPTIONS.sshKey})`);
  }
  return name;
}

/** The names a `users:` list already holds: mappings' `name`, and plain entries (`default`, `a,b`). */
export function userNamesIn(users: YAMLSeq): Set<string> {
  const names = new Set<string>();
  for (const item of users.items) {
    const entry = isMap(item) ? item.get('name', true) : item;
    if (!isScalar(entry)) continue;
    for (const name of String(entry.value).split(',')) names.add(name.trim());
  }
  return names;
}

/** A user as a cloud-config `users:` entry; sudo is left out when false (cloud-init's default: none). */
export function userEntry(user: CloudInitUser): Record<string, unknown> {
  return {
    name: user.name,
    ...(user.sudo && { sudo: SUDO_ALL }),
    ...(user.sshKeys.length > 0 && { ssh_authorized_keys: user.sshKeys }),
  };
}
