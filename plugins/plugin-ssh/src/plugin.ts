// plugin-ssh as a rejviz-up plugin: for each machine with a `plugins: { ssh: {...} }` section it
// makes the lab's login key and the machine's host keys on the host before anything boots
// (prepareLab), pins them in the lab's known_hosts, hands the guest its host keys and login user
// through the seed only (machineSeed: private keys never reach the plan, the record or a log),
// and makes `rejviz-up` wait until the machine is ready: ssh answers with the pinned key and
// its seed has been applied, by cloud-init or rejviz's first boot (machineDefined). The work
// is in the modules; this file wires them.
import { UsageError, type LabContext, type LabMachineInfo, type Plugin } from '@rejviz/core';
import { readSshSettings, type SshSettings } from './ssh-settings.js';

const NAME = 'plugin-ssh';

/** The settings of every machine of the lab that has ssh. */
function sshMachines(machines: readonly LabMachineInfo[], ctx: LabContext): Map<LabMachineInfo, SshSettings> {
  const out = new Map<LabMachineInfo, SshSettings>();
  for (const m of machines) {
    const settings = readSshSettings(m.machine, m.plugins, ctx);
    if (settings) out.set(m, settings);
  }
  return out;
}

/** The ssh plugin for rejviz-up. */
export function sshPlugin(): Plugin {
  return {
    name: NAME,
    options: [],
    apply(hooks) {
      // Plans (and --dry-run) check every machine's section, and that ssh can reach it, before
      // anything is made.
      hooks.planLab.tap(NAME, (draft, ctx) => {
        let key: string | null | undefined;
        for (const m of draft.machines) {
          const settings = readSshSettings(m.machine, m.plugins, ctx);
          if (!settings) continue;
          if (!m.management && !m.plannedAddress) {
            throw new UsageError(`machine ${m.machine}: plugins.ssh: ssh has no way to reach it (no management NIC, no planned address); add management: true, or give a NIC a static or auto address on a network this host is on`);
          }
          if (key !== undefined && key !== settings.key) {
            throw new UsageError(`machine ${m.machine}: plugins.ssh.key: ${settings.key ?? 'the lab\'s key'} differs from another machine's ${key ?? 'the lab\'s key'}; a lab logs in with one key: set key in defaults:`);
          }
          key = settings.key;
        }
        return draft;
      });
      hooks.prepareLab.tapPromise(NAME, async (lab, ctx) => {
        const machines = sshMachines(lab.machines, ctx);
        if (machines.size === 0) return;
        await (await import('./prepare-lab-keys.js')).prepareLabKeys(lab, machines, ctx);
      });
      hooks.machineSeed.tapPromise(NAME, async (userData, machine, ctx) => {
        const settings = readSshSettings(machine.machine, machine.plugins, ctx);
        if (!settings) return userData;
        return (await import('./seed-ssh.js')).seedSsh(userData, machine, settings, ctx);
      });
      hooks.machineDefined.tapPromise(NAME, async (machine, ctx) => {
        const settings = readSshSettings(machine.machine, machine.plugins, ctx);
        if (!settings) return;
        await (await import('./machine-ready.js')).machineReady(machine, settings, ctx);
      });
    },
  };
}

export default sshPlugin;
