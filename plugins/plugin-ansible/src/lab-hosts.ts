// The lab as its /etc/hosts blocks name it, from what the lab hooks say: every machine with a
// planned (static or automatic) address, under its machine name and host name. A machine reached
// only through its management NIC (127.0.0.1:PORT) is left out: a hosts line has no port.
import type { LabInfo } from '@rejviz/core';
import type { HostsLab } from './guest-etc-hosts.js';

/** The lab's machines that have a planned address, with those addresses (without their prefix). */
export function labHosts(lab: Pick<LabInfo, 'lab' | 'machines'>): HostsLab {
  return {
    lab: lab.lab,
    machines: lab.machines.flatMap((m) => {
      const addresses = m.nics.flatMap((n) => (n.address ? [{ network: n.network, address: n.address.split('/')[0]! }] : []));
      return addresses.length > 0 ? [{ machine: m.machine, addresses, ...(m.hostname !== undefined && { hostname: m.hostname }) }] : [];
    }),
  };
}
