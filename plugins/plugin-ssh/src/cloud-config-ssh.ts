// What a machine's cloud-config gets for ssh: the login user, the host keys made on the host, and
// sshd's password setting. Returned as data, for the caller to merge into the seed's user-data.
// Keys cited are cloud-init's (cc_ssh, cc_users_groups, cc_write_files); checked against its own
// schema in test/cloud-config-ssh.test.ts.
import { assert, shown, UsageError } from '@rejviz/core';
import { HOST_KEY_TYPES } from './lab-ssh-paths.js';
import type { HostKeyTexts } from './lab-keys.js';
import { isSha512Crypt } from './password.js';

/** The sudo rule of a login user unless the lab says otherwise: everything, no password asked. */
export const SUDO_NOPASSWD = 'ALL=(ALL) NOPASSWD:ALL';

/** Where the login settings go in the guest. */
export const SSHD_DROP_IN = '/etc/ssh/sshd_config.d/10-rejviz.conf';

export interface SshCloudConfigInput {
  user: string;
  /** Public keys the user logs in with. */
  authorizedKeys: readonly string[];
  hostKeys: HostKeyTexts;
  /** A sudoers rule, or false for no sudo; SUDO_NOPASSWD by default. */
  sudo?: string | false;
  /** A SHA-512 crypt hash (password.ts): the user may then log in with the password too. */
  passwordHash?: string;
}

export interface SshCloudConfigUser {
  name: string;
  shell: string;
  lock_passwd: boolean;
  hashed_passwd?: string;
  sudo?: string;
  ssh_authorized_keys: string[];
}

/** The cloud-config keys, by cloud-init's names. Holds private host keys: never show it. */
export interface SshCloudConfig {
  users: SshCloudConfigUser[];
  ssh_keys: Record<string, string>;
  ssh_deletekeys: true;
  disable_root: true;
  write_files: { path: string; content: string; owner: string; permissions: string }[];
}

// Each ssh_keys value becomes an /etc/ssh file as it is (cc_ssh.py): it keeps the newline a key
// file ends with, which YAML plain scalars would drop; block scalars (|) keep it.
const withNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

function sudoRule(sudo: string | false | undefined): string | undefined {
  if (sudo === false) return undefined;
  const rule = sudo ?? SUDO_NOPASSWD;
  // cloud-init writes the rule as a sudoers line: a newline would add lines of the user's choosing.
  if (rule.trim() === '' || /[\r\n]/.test(rule)) throw new UsageError(`sudo rule ${shown(rule)}: give one sudoers rule on one line, e.g. ${SUDO_NOPASSWD}, or false for no sudo`);
  return rule;
}

/**
 * The cloud-config keys that give a guest its host keys. All three types given, so cloud-init
 * writes them and makes none itself (ssh_genkeytypes is ignored when ssh_keys is set, cc_ssh.py),
 * and ssh_deletekeys removes the image's keys first, so no unpinned key type is left for sshd.
 * Holds private host keys: never show it.
 */
export function hostKeysCloudConfig(hostKeys: HostKeyTexts): Pick<SshCloudConfig, 'ssh_keys' | 'ssh_deletekeys'> {
  const sshKeys: Record<string, string> = {};
  for (const type of HOST_KEY_TYPES) {
    sshKeys[`${type}_private`] = withNewline(hostKeys[type].privateKey);
    sshKeys[`${type}_public`] = withNewline(hostKeys[type].publicKey);
  }
  return { ssh_keys: sshKeys, ssh_deletekeys: true };
}

/** The cloud-config for one machine's ssh: its host keys (hostKeysCloudConfig), login user and sshd settings. */
export function sshCloudConfig(input: SshCloudConfigInput): SshCloudConfig {
  const sudo = sudoRule(input.sudo);
  const hash = input.passwordHash;
  assert(hash === undefined || isSha512Crypt(hash), 'passwordHash must be a SHA-512 crypt hash');
  // PasswordAuthentication in a drop-in rather than ssh_pwauth: ssh_pwauth restarts sshd late in
  // boot, dropping connections made by then. Keyboard-interactive is off either way: with
  // Debian's UsePAM it would ask for the password even with PasswordAuthentication no.
  const sshd = `# Written by rejviz: how the lab's login user may log in.\nPasswordAuthentication ${hash === undefined ? 'no' : 'yes'}\nKbdInteractiveAuthentication no\n`;
  return {
    users: [{
      name: input.user,
      shell: '/bin/bash',
      // Without a password the account's password is locked; key login still works (sshd with PAM).
      lock_passwd: hash === undefined,
      ...(hash !== undefined && { hashed_passwd: hash }),
      ...(sudo !== undefined && { sudo }),
      ssh_authorized_keys: input.authorizedKeys.map((key) => key.trim()),
    }],
    ...hostKeysCloudConfig(input.hostKeys),
    // root's authorized_keys get a "log in as USER" refusal (cloud-init's default, said here).
    disable_root: true,
    write_files: [{ path: SSHD_DROP_IN, content: sshd, owner: 'root:root', permissions: '0644' }],
  };
}
