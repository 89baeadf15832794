// The lab's inventory files in its state directory (inventory.yml, inventory.ini), 0600, each
// replaced by a rename so that an ansible reading it never sees half a file.
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InventoryLab } from './inventory-lab.js';
import { renderIniInventory } from './render-ini.js';
import { renderYamlInventory } from './render-yaml.js';

/** Where rejviz-up writes the lab's inventory. */
export function inventoryPaths(stateDir: string): { yaml: string; ini: string } {
  return { yaml: join(stateDir, 'inventory.yml'), ini: join(stateDir, 'inventory.ini') };
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text, { mode: 0o600 });
  await rename(temp, path);
}

/** Writes both inventories; returns their paths. */
export async function writeInventoryFiles(stateDir: string, inventory: InventoryLab): Promise<{ yaml: string; ini: string }> {
  const paths = inventoryPaths(stateDir);
  await writeAtomic(paths.yaml, renderYamlInventory(inventory));
  await writeAtomic(paths.ini, renderIniInventory(inventory));
  return paths;
}
