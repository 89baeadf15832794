// What rejviz reads from libvirt's XML: networks (virsh net-dumpxml) and domains (virsh dumpxml).

export type IpFamily = 'ipv4' | 'ipv6';

/** One `<range start= end=>` of a network's `<dhcp>`. */
export interface DhcpRange {
  start: string;
  end: string;
}

/** One `<host>` of a network's `<dhcp>`: an address the DHCP server keeps for one client. */
export interface DhcpHost {
  ip: string;
  /** Lowercase colon form (IPv4 reservations are by MAC); null when reserved by name or id. */
  mac: string | null;
  name: string | null;
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
  /** `<host mac= name= ip=>` reservations of its `<dhcp>` (those with an ip=). */
  dhcpHosts: DhcpHost[];
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
