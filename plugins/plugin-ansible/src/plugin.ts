// plugin-ansible as a rejviz-up plugin: when the lab is ready, its inventory is written into the
// lab's state directory (inventory.yml, and inventory.ini), for `ansible -i` (rejviz-up
// inventory prints the same). The work is in the modules; this file wires them.
import { writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from '@rejviz/core';

const NAME = 'plugin-ansible';

/** Where rejviz-up writes the lab's inventory. */
export function inventoryPaths(stateDir: string): { yaml: string; ini: string } {
  return { yaml: join(stateDir, 'inventory.yml'), ini: join(stateDir, 'inventory.ini') };
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text, { mode: 0o600 });
  await rename(temp, path);
}

/** The ansible plugin for rejviz-up. */
export function ansiblePlugin(): Plugin {
  return {
    name: NAME,
    options: [],
    apply(hooks) {
      hooks.labReady.tapPromise(NAME, async (lab, ctx) => {
        const { labInventory } = await import('./lab-inventory.js');
        const inventory = labInventory(lab, ctx);
        if (inventory.machines.length === 0) return;
        const { renderYamlInventory } = await import('./render-yaml.js');
        const { renderIniInventory } = await import('./render-ini.js');
        const paths = inventoryPaths(lab.stateDir);
        await writeAtomic(paths.yaml, renderYamlInventory(inventory));
        await writeAtomic(paths.ini, renderIniInventory(inventory));
        ctx.notice(`lab ${lab.lab}: ansible inventory in ${paths.yaml} (and .ini)`);
      });
    },
  };
}

export default ansiblePlugin;
