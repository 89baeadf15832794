// machineSeed for /etc/hosts: a machine with a planned address gets the lab's block naming the
// other machines, as the whole /etc/hosts written by cloud-init's write_files at first boot
// (guest-etc-hosts.ts), with manage_etc_hosts: false. cloud-init's update_etc_hosts module then
// leaves the file as it is at every boot (its docs, "Do not update /etc/hosts"); with true it
// would write the file from its template at every boot, dropping the block, and with 'localhost'
// it rewrites the 127.0.1.1 line. The file's own 127.0.1.1 line keeps the host name resolving.
import { guestHostsWriteFile, type HostsLab } from './guest-etc-hosts.js';

/** `userData` with the machine's /etc/hosts added, or unchanged when there is no one else to name. */
export function seedEtcHosts(userData: Record<string, unknown>, lab: HostsLab, machine: string): Record<string, unknown> {
  const self = lab.machines.find((m) => m.machine === machine);
  if (self === undefined || !lab.machines.some((m) => m !== self)) return userData;
  const writeFiles = Array.isArray(userData.write_files) ? (userData.write_files as unknown[]) : [];
  // Over plugin-ssh's manage_etc_hosts: true, which is there for the host name, which this file names too.
  return { ...userData, write_files: [...writeFiles, guestHostsWriteFile(lab, machine)], manage_etc_hosts: false };
}
