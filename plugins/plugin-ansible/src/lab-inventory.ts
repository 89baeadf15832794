// The inventory of a lab as rejviz-up's lab hooks describe it: every machine plugin-ssh reaches
// (through its management NIC's port, else its planned address), with the lab's key and
// known_hosts. Machines without ssh are not in it.
import type { LabInfo } from '@rejviz/core';
import { knownHostsPath, labKeyPath, machineTarget, readSshSettings } from '@rejviz/plugin-ssh';
import type { InventoryLab } from './inventory-lab.js';

export function labInventory(lab: LabInfo, where: { env: NodeJS.ProcessEnv; cwd: string }): InventoryLab {
  const machines = lab.machines.flatMap((m) => {
    const settings = readSshSettings(m.machine, m.plugins, where);
    const target = settings ? machineTarget(m, settings) : null;
    return settings && target ? [{ m, settings, target }] : [];
  });
  return {
    lab: lab.lab,
    privateKeyFile: machines[0]?.settings.key ?? labKeyPath(lab.stateDir),
    knownHostsFile: knownHostsPath(lab.stateDir),
    machines: machines.map(({ m, target }) => ({
      machine: m.machine, domain: m.domain, template: m.template ?? 'unknown', groups: [...m.groups],
      host: target.hostName, port: target.port, user: target.user, hostKeyAlias: m.domain,
      addresses: m.nics.flatMap((n) => (n.address ? [{ network: n.network, address: n.address.split('/')[0]! }] : [])),
      ...(m.hostname !== undefined && { hostname: m.hostname }),
    })),
  };
}
