// Interface-name rules: the kernel's dev_valid_name plus systemd.link's extra restrictions, and a
// character set narrow enough that names are safe in shell-sourced ifcfg files and in file names.

import { shown } from '../shown.js';

const NAME = /^[A-Za-z0-9_.-]{1,15}$/;

/** True when `name` is acceptable as a guest interface name (≤15 chars of [A-Za-z0-9_.-], not all digits, not '.'/'..'). */
export function isValidInterfaceName(name: string): boolean {
  return NAME.test(name) && !/^[0-9]+$/.test(name) && name !== '.' && name !== '..';
}

/**
 * Explains why a name was rejected, or returns undefined when it is fine
 * (docs/network-formats.md#bad-nic-input, rows 6 and 7).
 */
export function interfaceNameProblem(name: string): string | undefined {
  if (!isValidInterfaceName(name)) {
    return `invalid interface name ${shown(name)}: must be 1-15 chars of [A-Za-z0-9_.-], not all digits, not '.' or '..'`;
  }
  if (name === 'lo') return `interface name 'lo' is reserved (loopback); choose another name such as eth1`;
  return undefined;
}
