// The YAML inventory (ansible's `yaml` inventory plugin): every host with its variables under
// all.hosts, each group under all.children listing its hosts.

import { Document } from 'yaml';
import { labHostVars } from './host-vars.js';
import { inventoryGroups } from './inventory-groups.js';
import type { InventoryLab } from './inventory-lab.js';

/** The lab's inventory as YAML text. */
export function renderYamlInventory(lab: InventoryLab): string {
  const hosts = Object.fromEntries(labHostVars(lab));
  const children = Object.fromEntries(
    inventoryGroups(lab).map((g) => [g.name, { hosts: Object.fromEntries(g.hosts.map((h) => [h, null])) }]),
  );
  // YAML 1.1 is what ansible's PyYAML reads: strings like `yes` or `0644` come out quoted.
  const doc = new Document({ all: { hosts, children } }, { version: '1.1' });
  const header = `# ansible inventory of rejviz-up lab ${lab.lab}, written by rejviz-up (rejviz-up inventory prints it)\n`;
  return header + doc.toString({ nullStr: '', lineWidth: 0 });
}
