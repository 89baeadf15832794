// The INI inventory (ansible's `ini` inventory plugin, ansible/plugins/inventory/ini.py): hosts
// with their variables under [all], then one section per group listing its hosts.

import { quoteArg } from '@rejviz/core';
import { labHostVars } from './host-vars.js';
import { inventoryGroups } from './inventory-groups.js';
import type { InventoryLab } from './inventory-lab.js';

// The ini plugin splits a host line with shlex (POSIX, '#' starts a comment even inside a word)
// and then passes each value through ast.literal_eval: `1234` becomes a number, `True,1` a list.
// A value that literal_eval certainly rejects is written as itself; any other string as a Python
// string literal (a JSON string is one), so that it stays that string.
function certainlyNotLiteral(value: string): boolean {
  if (/^(?:True|False|None)(?![A-Za-z0-9_])/.test(value)) return false;
  // A path, or `-o ...`: no literal starts so (a sign takes only a number).
  if (/^(?:\/|-[A-Za-z])/.test(value)) return true;
  // A word is a name, which literal_eval refuses, unless it is a string prefix (b'', r"", u'').
  if (/^[A-Za-z]/.test(value)) return !/^[A-Za-z]{1,2}["']/.test(value);
  // IPv4 and IPv6 addresses: numbers are never dotted thrice or joined by ':'.
  return /^[0-9]+(?:\.[0-9]+){3}$/.test(value) || /^[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*$/.test(value);
}

/** One `key=value` word of a host line. */
export function iniVariable(key: string, value: string | number | boolean): string {
  if (typeof value === 'number') return `${key}=${value}`;
  // literal_eval reads True and False as the booleans.
  if (typeof value === 'boolean') return `${key}=${value ? 'True' : 'False'}`;
  return `${key}=${quoteArg(certainlyNotLiteral(value) ? value : JSON.stringify(value))}`;
}

/** The lab's inventory as INI text. */
export function renderIniInventory(lab: InventoryLab): string {
  const lines = [`# ansible inventory of rejviz-up lab ${lab.lab}, written by rejviz-up (rejviz-up inventory prints it)`, '[all]'];
  for (const [host, vars] of labHostVars(lab)) {
    lines.push([host, ...Object.entries(vars).map(([k, v]) => iniVariable(k, v as string | number | boolean))].join(' '));
  }
  for (const group of inventoryGroups(lab)) lines.push('', `[${group.name}]`, ...group.hosts);
  return `${lines.join('\n')}\n`;
}
