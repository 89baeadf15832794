// Each host's connection variables. ansible's ssh connection plugin
// (ansible/plugins/connection/ssh.py, 2.14) builds ssh's argv from them: ansible_ssh_common_args
// goes through shlex.split, the private key becomes `-o IdentityFile="PATH"` unescaped, and every
// string is a Jinja template when ansible reads it.

import { ERROR_CODES, hasControl, quoteArg, shown, UsageError } from '@rejviz/core';
import { DEFAULT_PYTHON, type InventoryLab, type InventoryMachine } from './inventory-lab.js';
import { sshPathProblem, sshPathValue } from './ssh-option-value.js';

/** The variables of one inventory host, in the order they are written. */
export interface HostVars {
  ansible_host: string;
  ansible_port: number;
  ansible_user: string;
  ansible_ssh_private_key_file: string;
  ansible_python_interpreter: string;
  ansible_ssh_common_args: string;
  /**
   * Always true: ansible's host_key_checking=False (ANSIBLE_HOST_KEY_CHECKING in the user's
   * environment, ansible.cfg) would put `-o StrictHostKeyChecking=no` before the common args, and
   * ssh keeps the first value; a host variable wins over both.
   */
  ansible_ssh_host_key_checking: true;
}

// libvirt domain names of a lab (LAB-MACHINE); anything else would need ssh quoting rules of its own.
const ALIAS = /^[A-Za-z0-9._-]+$/;

function fail(message: string): never {
  throw new UsageError(message, ERROR_CODES.INPUT);
}

// ansible templates variables: a '{{' in a path would be evaluated, not used.
function checkString(what: string, value: string): string {
  if (value === '' || hasControl(value) || /\{[{%#]/.test(value)) {
    fail(`${what} ${shown(value)}: ansible cannot take it as a value (empty, a control character or a Jinja '{{', '{%', '{#'); use another`);
  }
  return value;
}

// ansible writes `-o IdentityFile="PATH"` without escaping, and ssh expands %-tokens in it.
function checkKeyFile(path: string): string {
  const problem = sshPathProblem(path) ?? (/["\\%]/.test(path) ? "it has '\"', '\\' or '%', which ansible passes to ssh unquoted" : undefined);
  if (problem !== undefined) fail(`private key file ${shown(path)}: ${problem}; use another path`);
  return checkString('private key file', path);
}

/**
 * ssh options pinning the host key: only the lab's known_hosts file, under the machine's alias.
 * ControlPath=none: a session through a live ControlPersist master makes no host-key check
 * (ssh_config(5) ControlMaster). ControlMaster=no alone would not do: ansible's default ssh_args
 * (`-C -o ControlMaster=auto -o ControlPersist=60s`) come first on ssh's command line and ssh keeps
 * the first value of an option, and even with ControlMaster=no ssh joins a master at ControlPath.
 * With a ControlPath in these arguments, ansible adds none of its own.
 */
export function sshCommonArgs(knownHostsFile: string, hostKeyAlias: string): string {
  checkString('known_hosts file', knownHostsFile);
  if (!ALIAS.test(hostKeyAlias)) fail(`host key alias ${shown(hostKeyAlias)}: use letters, digits, '.', '_' and '-'`);
  const options = [
    'StrictHostKeyChecking=yes',
    `UserKnownHostsFile=${sshPathValue(knownHostsFile, 'known_hosts file')}`,
    'GlobalKnownHostsFile=/dev/null',
    `HostKeyAlias=${hostKeyAlias}`,
    'ControlMaster=no',
    'ControlPath=none',
    'IdentitiesOnly=yes',
  ];
  // POSIX quoting, which ansible's shlex.split undoes.
  return options.flatMap((o) => ['-o', quoteArg(o)]).join(' ');
}

/** The connection variables of one machine of `lab`. */
export function hostVars(lab: InventoryLab, machine: InventoryMachine): HostVars {
  if (!Number.isInteger(machine.port) || machine.port < 1 || machine.port > 65535) fail(`machine ${shown(machine.machine)}: ssh port ${machine.port} is not a port number`);
  if (/\s/.test(machine.host)) fail(`machine ${shown(machine.machine)}: ssh host ${shown(machine.host)} has a blank`);
  return {
    ansible_host: checkString('ssh host', machine.host),
    ansible_port: machine.port,
    ansible_user: checkString('ssh user', machine.user),
    ansible_ssh_private_key_file: checkKeyFile(lab.privateKeyFile),
    ansible_python_interpreter: checkString('python interpreter', lab.python ?? DEFAULT_PYTHON),
    ansible_ssh_common_args: sshCommonArgs(lab.knownHostsFile, machine.hostKeyAlias),
    ansible_ssh_host_key_checking: true,
  };
}

/** Every machine's connection variables, by machine name, in the lab's order. */
export function labHostVars(lab: InventoryLab): Map<string, HostVars> {
  return new Map(lab.machines.map((m) => [m.machine, hostVars(lab, m)]));
}
