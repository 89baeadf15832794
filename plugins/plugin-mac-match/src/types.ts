// The data plugin-mac-match reads from libvirt and virt-install argv, and the NIC plan it returns.

export type IpFamily = 'ipv4' | 'ipv6';

/** One `<range start= end=>` of a network's `<dhcp>`. */
export interface DhcpRange {
  start: string;
  end: string;
}

/** One `<ip>` of a libvirt network: the host's address on the bridge and the subnet around it. */
export interface NetworkIp {
  family: IpFamily;
  /** The host-side address (canonical). */
  address: string;
  prefix: number;
  /** The subnet in CIDR form, host bits cleared (192.168.122.0/24). */
  cidr: string;
  dhcpRanges: DhcpRange[];
}

/** A libvirt network as `virsh net-dumpxml` describes it. */
export interface LibvirtNetwork {
  name: string;
  bridge: string | null;
  /** `<forward mode=>` ('nat' when the mode is left out), or null for an isolated network. */
  forwardMode: string | null;
  ips: NetworkIp[];
}

/** One `<interface>` of a domain as `virsh dumpxml` describes it. */
export interface DomainInterface {
  /** Lowercase colon form; null only in hand-written XML (libvirt always fills it in). */
  mac: string | null;
  type: string;
  /** The network, bridge, device or socket path the interface is attached to. */
  source: string | null;
  model: string | null;
}

/** A defined domain (running or not) and its interfaces, for the MAC-in-use check. */
export interface DefinedDomain {
  name: string;
  interfaces: DomainInterface[];
}

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
