// prepareLab for ssh: the login key and every ssh machine's host keys, made once in the lab's
// state directory, and the lab's known_hosts written from them before any machine boots.
import type { LabContext, LabInfo, LabMachineInfo } from '@rejviz/core';
import { writeKnownHosts } from './known-hosts.js';
import { ensureLabKeys, type LabKeys } from './lab-keys.js';
import { HOST_KEY_TYPES, knownHostsPath } from './lab-ssh-paths.js';
import type { SshSettings } from './ssh-settings.js';

/** The lab's keys for these machines (made when missing, kept otherwise). */
export function labKeys(stateDir: string, machines: readonly string[], key: string | null, ctx: LabContext): Promise<LabKeys> {
  return ensureLabKeys({ dir: stateDir, machines, runner: ctx.runner, ...(key !== null && { userKey: key }) });
}

export async function prepareLabKeys(lab: LabInfo, machines: ReadonlyMap<LabMachineInfo, SshSettings>, ctx: LabContext): Promise<void> {
  const list = [...machines.keys()];
  const keys = await labKeys(lab.stateDir, list.map((m) => m.machine), [...machines.values()][0]!.key, ctx);
  await writeKnownHosts(knownHostsPath(lab.stateDir), list.map((m) => ({
    alias: m.domain,
    publicKeys: HOST_KEY_TYPES.map((type) => keys.hostKeys[m.machine]![type].publicKey),
  })));
}
