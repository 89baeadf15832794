// One machine as ssh reaches it, and the ssh options that pin its host key. Both the lab's
// ssh-config (ssh-config.ts) and the argv rejviz runs (ssh-argv.ts) are rendered from sshOptions,
// so the two never differ in how strictly they check.
import { assert } from '@rejviz/core';

export interface SshTarget {
  /** What ssh is given: the `Host` of ssh-config, the destination of an argv (the machine's name). */
  name: string;
  /** Where ssh connects (127.0.0.1 for a forwarded port, or the guest's address). */
  hostName: string;
  port: number;
  user: string;
  /** The private key (absolute path). */
  identityFile: string;
  /** The lab's known_hosts (absolute path). */
  knownHostsFile: string;
  /** The name the pinned keys are filed under in known_hosts: the machine's libvirt domain name. */
  hostKeyAlias: string;
}

// Names that ssh, scp (NAME:PATH) and known_hosts (comma lists, wildcards, @markers) read as one
// plain name: a lab's machine and domain names (lab_machine) are always of this form.
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9.:-]*$/;
const USER = /^[a-z_][a-z0-9_-]*\$?$/;

/** Asserts that `value` is a plain name (a bug if not: the lab file's rules allow no other). */
export function assertSshName(value: string, what: string): void {
  assert(NAME.test(value), `${what} ${JSON.stringify(value)} is not a plain name that ssh and known_hosts read as one word`);
}

// ssh_config(5): an argument with blanks or quotes is double-quoted, `\` and `"` escaped in it
// (misc.c argv_split); `-o KEY=VALUE` is parsed the same way.
function quoted(value: string): string {
  return /^[A-Za-z0-9_/.,:@+=-]+$/.test(value) ? value : `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

// IdentityFile and UserKnownHostsFile expand %-tokens (`%%` is a literal %) and ${VAR}, which has
// no escape: a path holding `${` cannot be given to ssh at all.
function pathValue(path: string, what: string): string {
  assert(path.startsWith('/'), `${what} ${path} must be absolute`);
  assert(!path.includes('${') && !/[\n\r]/.test(path), `${what} ${JSON.stringify(path)} cannot be written for ssh (\${ or a newline in it)`);
  return quoted(path.replace(/%/g, '%%'));
}

/** The options that reach `target` with its pinned host key only, as [keyword, value] pairs. */
export function sshOptions(target: SshTarget): [string, string][] {
  assertSshName(target.name, 'ssh name');
  assertSshName(target.hostKeyAlias, 'HostKeyAlias');
  assert(HOST_NAME.test(target.hostName), `host name ${JSON.stringify(target.hostName)} is not an address or DNS name`);
  assert(Number.isInteger(target.port) && target.port > 0 && target.port < 65536, `port ${target.port} is not a TCP port`);
  assert(USER.test(target.user), `user ${JSON.stringify(target.user)} is not a login name`);
  return [
    ['HostName', target.hostName],
    ['Port', String(target.port)],
    ['User', target.user],
    ['IdentityFile', pathValue(target.identityFile, 'IdentityFile')],
    // Only the lab's key: keys from an agent would be offered first and can exhaust MaxAuthTries.
    ['IdentitiesOnly', 'yes'],
    ['UserKnownHostsFile', pathValue(target.knownHostsFile, 'UserKnownHostsFile')],
    // The system's known_hosts must not vouch for a lab guest.
    ['GlobalKnownHostsFile', '/dev/null'],
    // known_hosts lines are filed under the alias, not [address]:port: one file for every
    // address and forwarded port a machine is reached at (known-hosts.ts).
    ['HostKeyAlias', target.hostKeyAlias],
    ['StrictHostKeyChecking', 'yes'],
    // ssh must never rewrite the pins with whatever keys the guest advertises.
    ['UpdateHostKeys', 'no'],
    // A session multiplexed over a live master checks no host key: the master's connection was
    // checked, against whatever known_hosts it had (ssh_config(5), ControlMaster). So no
    // multiplexing at all, even where a user's config sets a ControlPath for every host.
    ['ControlMaster', 'no'],
    ['ControlPath', 'none'],
  ];
}
