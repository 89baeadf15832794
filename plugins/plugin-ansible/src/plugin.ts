// plugin-ansible as a rejviz-up plugin. planLab: checks the lab file's lab-wide `plugins: {
// ansible }` section before anything is made. prepareLab: keeps the lab, whose machines each
// seed's /etc/hosts names. machineSeed (after plugin-ssh's): the guest's /etc/hosts with the lab's
// block. labReady: the inventory into the lab's state directory (inventory.yml and .ini, for
// `ansible -i`; rejviz-up inventory prints the same), the host's /etc/hosts block, and the lab's
// playbooks after a run that created machines. labDestroyed: the host's block taken out. The work
// is in the modules; this file wires them.
import { STAGE, UsageError, type LabInfo, type Plugin } from '@rejviz/core';

const NAME = 'plugin-ansible';

/** The ansible plugin for rejviz-up. */
export function ansiblePlugin(): Plugin {
  return {
    name: NAME,
    options: [],
    apply(hooks) {
      // The lab this run prepares, by name (the hooks, and so this map, are made afresh for each run).
      const prepared = new Map<string, LabInfo>();
      hooks.planLab.tapPromise(NAME, async (draft, ctx) => {
        await (await import('./check-lab-draft.js')).checkLabDraft(draft, ctx);
        return draft;
      });
      hooks.prepareLab.tap(NAME, (lab) => {
        prepared.set(lab.lab, lab);
      });
      // After plugin-ssh's tap (stage 0): its manage_etc_hosts: true gives way to the block's false.
      hooks.machineSeed.tapPromise({ name: NAME, stage: STAGE.FINALIZE }, async (userData, machine) => {
        const lab = prepared.get(machine.lab);
        const { readAnsibleSettings } = await import('./ansible-settings.js');
        if (lab === undefined || !readAnsibleSettings(lab.plugins).etcHosts.guests) return userData;
        const { labHosts } = await import('./lab-hosts.js');
        return (await import('./seed-etc-hosts.js')).seedEtcHosts(userData, labHosts(lab), machine.machine);
      });
      hooks.labReady.tapPromise(NAME, async (lab, ctx) => (await import('./lab-ready.js')).labReady(lab, ctx));
      hooks.labDestroyed.tapPromise(NAME, async (lab, ctx) => {
        // Whatever the lab file said (destroy --lab does not read it): a block of the lab's goes.
        // The lab is gone already: a block damaged by hand is a warning, not a failed destroy.
        await (await import('./host-etc-hosts.js')).updateHostBlock(lab, false, ctx).catch((e: unknown) => {
          if (!(e instanceof UsageError)) throw e;
          ctx.notice(`warning: ${e.message}`);
        });
      });
    },
  };
}

export default ansiblePlugin;
