// The guest's own /etc/hosts, written by cloud-init at first boot (write_files): Debian's
// localhost lines, the guest's name on 127.0.1.1 (sudo resolves its own host name and says
// "unable to resolve host" otherwise), then the lab's block naming the other machines.
//
// The seed's user-data must then say `manage_etc_hosts: false`: cloud-init's update_etc_hosts
// module runs after write_files and, when that is true (some images' cloud.cfg turn it on), writes
// /etc/hosts from its own template on every boot, dropping the lab's lines
// (cloudinit/config/cc_update_etc_hosts.py).

import { ERROR_CODES, shown, UsageError } from '@rejviz/core';
import { hostsBlock, hostsLines, type HostsMachine } from './etc-hosts.js';
import { guestHostname } from './inventory-lab.js';

/** The lab as /etc/hosts names it: its name and its machines (an InventoryLab is one). */
export interface HostsLab {
  lab: string;
  machines: readonly HostsMachine[];
}

/** A cloud-config `write_files` entry. */
export interface WriteFilesEntry {
  path: string;
  permissions: string;
  owner: string;
  content: string;
}

/** The text of the /etc/hosts of `machine` in `lab`. */
export function guestHostsFile(lab: HostsLab, machine: string): string {
  const self = lab.machines.find((m) => m.machine === machine);
  if (self === undefined) throw new UsageError(`lab ${lab.lab} has no machine ${shown(machine)}`, ERROR_CODES.INPUT);
  const hostname = guestHostname(self);
  const others = hostsLines(lab.lab, lab.machines.filter((m) => m !== self));
  // The first lines as Debian's installer writes them (the name's FQDN first, so `hostname -f` gives it).
  const lines = [
    '127.0.0.1 localhost',
    `127.0.1.1 ${hostname}.${lab.lab} ${hostname}`,
    '',
    '# The following lines are desirable for IPv6 capable hosts',
    '::1 localhost ip6-localhost ip6-loopback',
    'ff02::1 ip6-allnodes',
    'ff02::2 ip6-allrouters',
  ];
  if (others.length > 0) lines.push('', hostsBlock(lab.lab, others));
  return `${lines.join('\n')}\n`;
}

/** The `write_files` entry putting that text at /etc/hosts (user-data must keep manage_etc_hosts off). */
export function guestHostsWriteFile(lab: HostsLab, machine: string): WriteFilesEntry {
  return { path: '/etc/hosts', permissions: '0644', owner: 'root:root', content: guestHostsFile(lab, machine) };
}
