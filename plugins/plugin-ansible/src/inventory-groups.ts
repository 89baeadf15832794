// The inventory's groups: the lab file's groups plus one per template, named as ansible wants
// group names, and the hosts (machine names) in each. Every host is also in ansible's own `all`.

import { ERROR_CODES, shown, UsageError } from '@rejviz/core';
import type { InventoryLab } from './inventory-lab.js';

/** Where an inventory group comes from: a lab file group or a template profile. */
export type GroupSource = { kind: 'group'; name: string } | { kind: 'template'; name: string };

export interface InventoryGroup {
  /** The ansible group name (letters, digits, '_'; not starting with a digit). */
  name: string;
  from: GroupSource;
  /** Machine names, in the lab's order. */
  hosts: string[];
}

// ansible's own groups: every host is in `all`, and `ungrouped` holds those in no other group.
const RESERVED = new Set(['all', 'ungrouped']);

// Host names appear bare in INI host lines and in host patterns, where ',', ':', '[', '!', '&',
// '*' and '~' mean something; lab machine names (a-z, 0-9, '-') never have those.
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * A name as a valid ansible group name: anything but letters, digits and '_' becomes '_', and a
 * leading digit gets a '_' before it. ansible 2.14 only warns about other names (its
 * TRANSFORM_INVALID_GROUP_CHARS), but they cannot be used as variables in templates.
 */
export function ansibleGroupName(name: string): string {
  const replaced = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(replaced) || replaced === '' ? `_${replaced}` : replaced;
}

function described(from: GroupSource): string {
  return `${from.kind} ${shown(from.name)}`;
}

function sameSource(a: GroupSource, b: GroupSource): boolean {
  return a.kind === b.kind && a.name === b.name;
}

/** The lab's groups (lab file groups in order of first use, then template groups), each with its hosts. */
export function inventoryGroups(lab: InventoryLab): InventoryGroup[] {
  const byName = new Map<string, InventoryGroup>();
  const seenHosts = new Set<string>();
  const add = (from: GroupSource, name: string, host: string) => {
    if (RESERVED.has(name)) {
      const message = `lab ${lab.lab}: ${described(from)} would be ansible's own group ${shown(name)}; rename it in the lab file`;
      throw new UsageError(message, ERROR_CODES.INPUT);
    }
    const group = byName.get(name) ?? { name, from, hosts: [] };
    if (!sameSource(group.from, from)) {
      // Sanitising must not merge two groups silently: playbooks would run on machines nobody named.
      throw new UsageError(
        `lab ${lab.lab}: ${described(group.from)} and ${described(from)} both become ansible group ${shown(name)} (ansible group names are letters, digits and '_'); rename one of them in the lab file`,
        ERROR_CODES.INPUT,
      );
    }
    if (!group.hosts.includes(host)) group.hosts.push(host);
    byName.set(name, group);
  };
  for (const m of lab.machines) {
    const problem = !HOST_NAME.test(m.machine)
      ? `machine name ${shown(m.machine)} cannot be an inventory host name; use letters, digits, '.', '_' and '-'`
      : seenHosts.has(m.machine)
        ? `machine ${shown(m.machine)} is there twice; machine names must be unique in a lab`
        : undefined;
    if (problem !== undefined) throw new UsageError(`lab ${lab.lab}: ${problem}`, ERROR_CODES.INPUT);
    seenHosts.add(m.machine);
    for (const g of m.groups) add({ kind: 'group', name: g }, ansibleGroupName(g), m.machine);
  }
  // Template groups after the lab file's, so the file's order leads in every rendering.
  for (const m of lab.machines) add({ kind: 'template', name: m.template }, ansibleGroupName(`template_${m.template}`), m.machine);
  return [...byName.values()];
}
