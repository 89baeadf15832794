// machineDefined for ssh: rejviz-up waits here until the new machine is ready (ssh answers with
// its pinned host key, its seed applied by cloud-init or rejviz's first boot), through its management NIC's port on 127.0.0.1,
// else its first planned address. One that is not gets its domain state, serial console tail and
// cloud-init status in the error (not-ready-diagnosis.ts).
import { UsageError, type LabContext, type LabMachineInfo } from '@rejviz/core';
import { domainState } from './domain-state.js';
import { knownHostsPath, labKeyPath } from './lab-ssh-paths.js';
import { diagnoseNotReady } from './not-ready-diagnosis.js';
import { seconds, seedPhaseText } from './ready-phases.js';
import type { SshSettings } from './ssh-settings.js';
import type { SshTarget } from './ssh-target.js';
import { waitReady } from './wait-ready.js';

/** Where ssh reaches the machine, as the lab's ssh-config and argv name it. */
export function machineTarget(machine: LabMachineInfo, settings: SshSettings): SshTarget | null {
  const planned = machine.nics.find((n) => n.address !== null);
  const where = machine.management ? { hostName: machine.management.host, port: machine.management.port } : planned ? { hostName: planned.address!.split('/')[0]!, port: 22 } : null;
  if (!where) return null;
  return {
    name: machine.machine, ...where, user: settings.user,
    identityFile: settings.key ?? labKeyPath(machine.stateDir),
    knownHostsFile: knownHostsPath(machine.stateDir),
    hostKeyAlias: machine.domain,
  };
}

export async function machineReady(machine: LabMachineInfo, settings: SshSettings, ctx: LabContext): Promise<void> {
  const target = machineTarget(machine, settings);
  if (!target) throw new UsageError(`machine ${machine.machine}: ssh has no way to reach it (no management NIC, no planned address); add management: true`);
  const connect = machine.connection?.uri ? ['-c', machine.connection.uri] : [];
  const report = await waitReady({
    target, runner: ctx.runner, timeoutMs: settings.timeoutSeconds * 1000,
    // A guest that shut off or crashed (a kernel panic, a poweroff in its cloud-config) is failed
    // at once, with its console's last lines, instead of at the end of the timeout.
    stopped: async () => {
      const state = await domainState(ctx.runner, connect, machine.domain);
      return state.stopped ? `domain ${machine.domain} is ${state.text}` : null;
    },
    diagnose: (failure) => diagnoseNotReady({ machine, target, runner: ctx.runner, sshAnswered: failure.sshAnswered }),
  });
  ctx.notice(`lab ${machine.lab}: ${machine.machine}: ready: ssh answered with the pinned host key after ${seconds(report.phases[0]!.afterMs)}, ${seedPhaseText(report.phases[1]?.phase)} finished after ${seconds(report.phases[1]!.afterMs)}`);
}
