// What the inventory, the dynamic inventory and the /etc/hosts blocks are made from: how to reach
// each machine of one lab. rejviz-up fills it in from the lab file and the lab's state; nothing
// here reads a file.

/** One machine of a lab, as ansible and its lab neighbours reach it. */
export interface InventoryMachine {
  /** The machine's name in the lab file: the inventory's host name (unique in a lab). */
  machine: string;
  /** Its libvirt domain name. */
  domain: string;
  /** The template profile it was cloned from: it lands in group `template_<name>`. */
  template: string;
  /** The lab file's groups for it, as written there (sanitised for ansible in inventory-groups.ts). */
  groups: string[];
  /** Where ssh connects: a lab-network address, or 127.0.0.1 for a forwarded port. */
  host: string;
  port: number;
  user: string;
  /** The name its host keys are pinned under in the known_hosts file (= domain). */
  hostKeyAlias: string;
  /** Lab-network addresses, for /etc/hosts (may be empty: a machine only on user networking). */
  addresses: { network: string; address: string }[];
  /** The guest's host name when it is not the machine name (the lab file's `hostname`). */
  hostname?: string;
}

/** One lab's access description. */
export interface InventoryLab {
  lab: string;
  machines: InventoryMachine[];
  /** The lab's ssh private key (absolute path). */
  privateKeyFile: string;
  /** The lab's known_hosts file with every machine's pinned host keys (absolute path). */
  knownHostsFile: string;
  /** ansible_python_interpreter; default DEFAULT_PYTHON. */
  python?: string;
}

/** The guests' Python: Debian and the EL family both have it there (ansible's discovery costs a round trip). */
export const DEFAULT_PYTHON = '/usr/bin/python3';

/** The guest's host name: the lab file's `hostname`, else the machine name. */
export function guestHostname(machine: Pick<InventoryMachine, 'machine' | 'hostname'>): string {
  return machine.hostname ?? machine.machine;
}
