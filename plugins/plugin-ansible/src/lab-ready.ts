// labReady for ansible: the inventory of the machines ssh reaches, written into the lab's state
// directory; the host's /etc/hosts block (in or out, as the lab file says); then, after a run that
// created machines, the lab's playbooks against that inventory.
import type { LabContext, LabInfo } from '@rejviz/core';
import { readAnsibleSettings } from './ansible-settings.js';
import { updateHostBlock } from './host-etc-hosts.js';
import { labInventory } from './lab-inventory.js';
import { noAnsibleHosts, runPlaybooks } from './run-playbooks.js';
import { writeInventoryFiles } from './write-inventory.js';

export async function labReady(lab: LabInfo, ctx: LabContext): Promise<void> {
  const settings = readAnsibleSettings(lab.plugins);
  const inventory = labInventory(lab, ctx);
  const paths = inventory.machines.length > 0 ? await writeInventoryFiles(lab.stateDir, inventory) : null;
  if (paths) ctx.notice(`lab ${lab.lab}: ansible inventory in ${paths.yaml} (and .ini)`);
  await updateHostBlock(lab, settings.etcHosts.host, ctx);
  if (settings.playbooks.length === 0 || (lab.created ?? []).length === 0) return;
  if (!paths) throw noAnsibleHosts(lab.lab);
  await runPlaybooks({ lab: lab.lab, inventory: paths.yaml, playbooks: settings.playbooks }, ctx);
}
