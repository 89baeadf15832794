// The NoCloud `user-data` file: the user's cloud-config (if any) plus what rejviz's options add.

import { UsageError } from '@rejviz/core';
import { Document, isScalar, isSeq, type YAMLMap } from 'yaml';
import { userEntry, userNamesIn, validateUserName, type CloudInitUser } from './cloud-config-users.js';
import { validateHostname } from './hostname.js';
import { OPTIONS } from './option-names.js';
import { sshKeyIdentity, validateSshPublicKey } from './ssh-public-key.js';
import { CLOUD_CONFIG_HEADER, parseUserDataBase, YAML_OPTIONS, type UserDataBase } from './user-data-base.js';

/** What user-data is built from. */
export interface UserDataInput {
  /** The user's own cloud-config (--user-data FILE). */
  base?: UserDataBase;
  hostname?: string;
  users?: CloudInitUser[];
  /** Keys for the image's default user (cloud-config's top-level ssh_authorized_keys). */
  sshKeys?: string[];
}

interface Target {
  doc: Document;
  map: YAMLMap;
  /** `--user-data FILE`, for messages about the user's file. */
  where: string;
}

/** `keys` without repeats and without those in `seen` (same type and body); updates `seen`. */
function uniqueKeys(keys: string[], seen = new Set<string>()): string[] {
  return keys.filter((key) => {
    const identity = sshKeyIdentity(key);
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}

function valueText(target: Target, key: string): string | undefined {
  const node = target.map.get(key, true);
  if (node === undefined) return undefined;
  return isScalar(node) ? String(node.value) : JSON.stringify(target.doc.toJS()[key]);
}

// The option's hostname may repeat the file's, but never silently override it or be overridden.
function mergeHostname(target: Target, hostname: string): void {
  const conflict = (found: string): never => {
    throw new UsageError(`${OPTIONS.hostname} ${hostname} conflicts with ${found} in ${target.where}; drop one of them`);
  };
  if (target.doc.toJS().preserve_hostname === true) conflict('preserve_hostname: true');
  const existing = valueText(target, 'hostname');
  const fqdn = valueText(target, 'fqdn');
  const same = (a: string | undefined) => a !== undefined && a.toLowerCase() === hostname.toLowerCase();
  if (existing !== undefined) {
    if (!same(existing)) conflict(`hostname: ${existing}`);
    return;
  }
  if (fqdn !== undefined) {
    // cloud-init takes the host name from fqdn when both are set.
    if (!same(fqdn) && !same(fqdn.split('.')[0])) conflict(`fqdn: ${fqdn}`);
    return;
  }
  target.map.set('hostname', hostname);
}

function listIn(target: Target, key: string, option: string) {
  const node = target.map.get(key, true);
  if (node !== undefined && !isSeq(node)) {
    throw new UsageError(`${target.where}: ${key} is not a YAML list; write it as a list so ${option} can add to it`);
  }
  return node;
}

// Appended after the file's keys; keys it already holds (same type and body) are not repeated.
function mergeKeys(target: Target, keys: string[]): void {
  const list = listIn(target, 'ssh_authorized_keys', OPTIONS.sshKey);
  if (list === undefined) {
    target.map.set('ssh_authorized_keys', target.doc.createNode(uniqueKeys(keys)));
    return;
  }
  const seen = new Set(list.items.flatMap((item) => (isScalar(item) ? [sshKeyIdentity(String(item.value))] : [])));
  for (const key of uniqueKeys(keys, seen)) list.add(target.doc.createNode(key));
}

// Without a users: key cloud-init creates just the image's default user, so a new list starts
// with `default`: adding users keeps that user and the top-level keys that go to it.
function mergeUsers(target: Target, users: CloudInitUser[]): void {
  const entries = users.map(userEntry);
  const list = listIn(target, 'users', OPTIONS.user);
  if (list === undefined) {
    target.map.set('users', target.doc.createNode(['default', ...entries]));
    return;
  }
  const existing = userNamesIn(list);
  for (const user of users) {
    if (existing.has(user.name)) {
      throw new UsageError(`${OPTIONS.user} ${user.name}: ${target.where} already defines user ${user.name}; set it up in one place only`);
    }
  }
  for (const entry of entries) list.add(target.doc.createNode(entry));
}

function checkedUsers(users: CloudInitUser[]): CloudInitUser[] {
  const names = new Set<string>();
  return users.map((user) => {
    const name = validateUserName(user.name);
    if (names.has(name)) throw new UsageError(`${OPTIONS.user} ${name} is given twice; give each user once`);
    names.add(name);
    const keys = user.sshKeys.flatMap((key) => validateSshPublicKey(key, `${OPTIONS.user} ${name}`));
    return { name, sudo: user.sudo, sshKeys: uniqueKeys(keys) };
  });
}

/**
 * Renders user-data: `#cloud-config` and one YAML mapping. The user's file is kept (comments and
 * key order too); `users` and `ssh_authorized_keys` from the options are appended to its lists,
 * with repeated keys dropped; `hostname` is added when the file has none and must agree with it
 * otherwise. The result reads back (YAML 1.1, as cloud-init does) as exactly the merged data.
 */
export function buildUserData(input: UserDataInput): string {
  const users = checkedUsers(input.users ?? []);
  const keys = (input.sshKeys ?? []).flatMap((key) => validateSshPublicKey(key, OPTIONS.sshKey));
  const hostname = input.hostname === undefined ? undefined : validateHostname(input.hostname);
  const doc = input.base ? parseUserDataBase(input.base) : new Document({}, YAML_OPTIONS);
  const target: Target = { doc, map: doc.contents as YAMLMap, where: `${OPTIONS.userData} ${input.base?.source ?? '(none)'}` };
  if (hostname !== undefined) mergeHostname(target, hostname);
  if (users.length > 0) mergeUsers(target, users);
  if (keys.length > 0) mergeKeys(target, keys);
  // lineWidth 0: never fold long lines such as SSH keys.
  return `${CLOUD_CONFIG_HEADER}\n${doc.toString({ lineWidth: 0 })}`;
}
