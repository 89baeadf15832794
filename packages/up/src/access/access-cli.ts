// rejviz-up's access verbs: ssh (and scp, sftp) into a machine with its host key pinned,
// ssh-config for `ssh -F`, and the lab's ansible inventory (YAML, INI, or a dynamic inventory's
// --list/--host JSON). Each reads the lab as it exists (lab-access.ts).
import { shown, UsageError, type Runner } from '@rejviz/core';
import { dynamicHost, dynamicList, renderIniInventory, renderYamlInventory, type InventoryLab } from '@rejviz/plugin-ansible';
import { renderSshConfig, scpArgv, sftpArgv, sshArgv, type SshTarget } from '@rejviz/plugin-ssh';
import type { MachineAccess } from './lab-access.js';

/** The target of one machine, or a UsageError naming what is missing. */
export function machineAccessTarget(lab: string, machines: readonly MachineAccess[], machine: string): SshTarget {
  const found = machines.find((m) => m.machine === machine);
  if (!found) throw new UsageError(`${shown(machine)} is not a machine of lab ${lab}; its machines are ${machines.map((m) => m.machine).join(', ') || 'none (is it up?)'}`);
  if (!found.target) throw new UsageError(`machine ${machine} of lab ${lab}: ${found.why}`);
  if (found.state !== 'running') throw new UsageError(`machine ${machine} of lab ${lab} is ${found.state}; start it first (rejviz-up start --lab ${lab})`);
  return found.target;
}

/** ssh into the machine, on this terminal; returns ssh's exit code. */
export async function sshInto(runner: Runner, target: SshTarget, command: readonly string[]): Promise<number> {
  const argv = sshArgv(target, command);
  return (await runner.run(argv.file, argv.args, { interactive: true, allowFailure: true })).exitCode;
}

/** sftp to the machine, on this terminal. */
export async function sftpTo(runner: Runner, target: SshTarget): Promise<number> {
  const argv = sftpArgv(target);
  return (await runner.run(argv.file, argv.args, { interactive: true, allowFailure: true })).exitCode;
}

/**
 * scp between this host and machines of the lab: MACHINE:PATH names a path on a machine (one
 * machine per copy), anything else a local path.
 */
export async function scpWith(runner: Runner, lab: string, machines: readonly MachineAccess[], operands: readonly string[]): Promise<number> {
  if (operands.length < 2) throw new UsageError('scp needs a source and a destination, e.g. rejviz-up scp db:/etc/hosts ./hosts');
  let target: SshTarget | null = null;
  const parsed = operands.map((op) => {
    const m = /^([a-z][a-z0-9-]*):(.*)$/.exec(op);
    if (!m) return { local: op };
    const t = machineAccessTarget(lab, machines, m[1]!);
    if (target && target.name !== t.name) throw new UsageError(`scp ${operands.join(' ')}: one machine per copy (${target.name} and ${t.name})`);
    target = t;
    return { remote: m[2]! };
  });
  if (!target) throw new UsageError(`scp ${operands.join(' ')}: no MACHINE:PATH among them; name a path on a machine as MACHINE:PATH`);
  const argv = scpArgv(target, parsed);
  return (await runner.run(argv.file, argv.args, { interactive: true, allowFailure: true })).exitCode;
}

/** The lab's ssh-config: a Host block per machine ssh can reach. */
export function sshConfigText(machines: readonly MachineAccess[]): string {
  return renderSshConfig(machines.flatMap((m) => (m.target ? [m.target] : [])));
}

/** `rejviz-up inventory`: YAML (default), INI, or a dynamic inventory's --list / --host NAME JSON. */
export function inventoryText(lab: InventoryLab, how: { ini: boolean; list: boolean; host: string | null }): string {
  if (how.host !== null) return `${JSON.stringify(dynamicHost(lab, how.host), null, 2)}\n`;
  if (how.list) return `${JSON.stringify(dynamicList(lab), null, 2)}\n`;
  return how.ini ? renderIniInventory(lab) : renderYamlInventory(lab);
}
