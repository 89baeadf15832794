// The data plugin-mac-match reads from libvirt and virt-install argv, and the NIC plan it returns.

import type { DefinedDomain, DhcpRange, DomainInterface, IpFamily, LibvirtNetwork, NetworkIp } from '@rejviz/core/libvirt-xml';

export type { DefinedDomain, DhcpRange, DomainInterface, IpFamily, LibvirtNetwork, NetworkIp };

/** One `--nic-network NIC=NETWORK`. */
export interface NicNetworkOption {
  nic: string;
  network: string;
}

/** One `--network`/`-w` the user passed to virt-install, with its comma options resolved. */
export interface UserNetwork {
  /** The option value exactly as given. */
  value: string;
  /** The argv positions it occupies (the option, and its value when given separately). */
  argvIndexes: number[];
  /** KEY=VALUE items in order; a bare item has a null value. */
  items: [string, string | null][];
  /** `--network none`: no NIC at all. */
  none: boolean;
  /** virt-install's interface type ('network', 'bridge', 'user', 'default', ...), null when unknown. */
  type: string | null;
  source: string | null;
  /** Lowercase colon form; null when absent or mac=RANDOM. */
  mac: string | null;
  model: string | null;
}

/** Where a guest NIC's network came from. */
export type NicSource = 'option' | 'subnet' | 'default' | 'user';

/** One guest NIC of the plan. */
export interface PlannedNic {
  guestName: string;
  mac: string;
  /** The libvirt network; for a user --network not attached to a network (bridge=...), null. */
  network: string | null;
  source: NicSource;
}

/** What planDomainNics returns. */
export interface DomainNicPlan {
  /** Every --network option for virt-install, guest NICs first in guest order, then the user's extras. */
  args: string[];
  nics: PlannedNic[];
  warnings: string[];
}
