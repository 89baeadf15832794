// How to reach each machine of a lab over ssh, read from what exists (libvirt's records and
// XML, the lab's state directory): the ssh target plugin-ssh's settings give it, through its
// management NIC's port on 127.0.0.1 or its planned address; or why there is none. `rejviz-up
// ssh`, `ssh-config` and `inventory` are built on it.
import { createServices, libvirtConnection, type LabMachineInfo, type Services } from '@rejviz/core';
import { machineTarget, readSshSettings, type SshSettings, type SshTarget } from '@rejviz/plugin-ssh';
import { labResources } from '../libvirt/lab-resources.js';
import { labDir } from '../state/lab-paths.js';

export interface MachineAccess {
  machine: string;
  domain: string;
  state: string;
  template: string | null;
  groups: string[];
  /** The lab-network addresses it was planned with (ADDRESS/PREFIX), in NIC order. */
  addresses: { network: string; address: string }[];
  /** The machine as the lab hooks describe it (what plugin-ansible's inventory is made from). */
  info: LabMachineInfo;
  settings: SshSettings | null;
  /** null: not reachable over ssh (`why` says why). */
  target: SshTarget | null;
  why?: string;
}

/** Each machine of the lab, in name order, with how ssh reaches it. */
export async function labAccess(request: { lab: string; uri?: string | null }, services?: Services): Promise<MachineAccess[]> {
  const s = services ?? (await createServices());
  const connection = libvirtConnection(request.uri ?? null);
  const found = await labResources(s.runner, connection, request.lab);
  const stateDir = labDir(request.lab, s.env);
  return found.domains
    .map((d): MachineAccess => {
      const config = d.record.config;
      const nics = (config?.nics ?? []).map((n) => ({ network: n.network, mac: n.mac, address: n.address }));
      const settings = readSshSettings(d.record.machine, config?.plugins, { env: s.env, cwd: s.cwd });
      const info: LabMachineInfo = {
        lab: request.lab, machine: d.record.machine, domain: d.name, groups: d.record.groups, nics, stateDir, connection,
        plugins: config?.plugins ?? {}, ...(config && { template: config.template, hostname: config.hostname }),
        management: d.managementPort === null ? null : { host: '127.0.0.1', port: d.managementPort },
      };
      const base = {
        machine: d.record.machine, domain: d.name, state: d.state, template: config?.template ?? null, groups: d.record.groups,
        addresses: nics.flatMap((n) => (n.address ? [{ network: n.network, address: n.address }] : [])), info, settings,
      };
      if (!settings) return { ...base, target: null, why: 'it has no ssh access (plugins: { ssh: {} } in the lab file gives it)' };
      const target = machineTarget(info, settings);
      return target ? { ...base, target } : { ...base, target: null, why: 'no management NIC and no planned address to reach it at' };
    })
    .sort((a, b) => (a.machine < b.machine ? -1 : a.machine > b.machine ? 1 : 0));
}
