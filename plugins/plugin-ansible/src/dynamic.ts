// The dynamic inventory: what an inventory script prints (ansible's `script` inventory plugin,
// docs: "Developing dynamic inventory"). `--list` carries every host's variables in _meta, so
// ansible never calls `--host` once per host.

import { ERROR_CODES, shown, UsageError } from '@rejviz/core';
import { labHostVars, type HostVars } from './host-vars.js';
import { inventoryGroups } from './inventory-groups.js';
import type { InventoryLab } from './inventory-lab.js';

/** `--list`: `{ _meta: { hostvars }, all: { children }, GROUP: { hosts } ... }`. */
export interface DynamicList {
  _meta: { hostvars: Record<string, HostVars> };
  [group: string]: { hosts: string[] } | { children: string[] } | { hostvars: Record<string, HostVars> };
}

/** The `--list` answer for the lab. */
export function dynamicList(lab: InventoryLab): DynamicList {
  const groups = inventoryGroups(lab);
  const list: DynamicList = { _meta: { hostvars: Object.fromEntries(labHostVars(lab)) } };
  list.all = { children: groups.map((g) => g.name) };
  for (const g of groups) list[g.name] = { hosts: g.hosts };
  return list;
}

/** The `--host NAME` answer: that machine's variables. */
export function dynamicHost(lab: InventoryLab, name: string): HostVars {
  const vars = labHostVars(lab).get(name);
  if (vars === undefined) {
    const known = lab.machines.map((m) => m.machine).join(', ');
    throw new UsageError(`--host ${shown(name)}: lab ${lab.lab} has no machine of that name; its machines are: ${known || '(none)'}`, ERROR_CODES.INPUT);
  }
  return vars;
}
