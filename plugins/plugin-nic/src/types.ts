// The data shapes shared by the --nic parser, the MAC helpers and the per-format renderers.

/** How a NIC gets its IPv4 configuration. IPv6 is static when an IPv6 address is given, else automatic (RA). */
export type Bootproto = 'dhcp' | 'static' | 'none';

/** One interface address: canonical text (IPv6 in RFC 5952 form) and its prefix length. */
export interface IpAddress {
  address: string;
  prefix: number;
}

/** A --nic value after parsing and per-NIC validation; `mac` is absent when the user gave no hwaddr. */
export interface ParsedNic {
  name: string;
  mac?: string;
  bootproto: Bootproto;
  ipv4: IpAddress[];
  ipv6: IpAddress[];
  gateway4?: string;
  gateway6?: string;
  dns: string[];
  mtu?: number;
  /** false: this NIC never installs a default route (static gateway or DHCPv4). */
  defroute?: boolean;
  /** true: the gateways are declared directly reachable even when outside the address' subnet. */
  onlink?: boolean;
}

/** A fully planned NIC: validated, normalised, with a MAC (lowercase, colon-separated). */
export interface NicSpec extends ParsedNic {
  mac: string;
  /** true when rejviz generated the MAC; callers print it so the domain definition can use it. */
  macGenerated: boolean;
}

/** A file to create in the guest image (core's type: files become write/chmod operations). */
export type { GuestFile } from '@rejviz/core';
/** Owners a guest file may have; everything rejviz writes for networking is root's. */
export type GuestFileOwner = 'root';

/** The guest network configuration formats rejviz can write. */
export type NicFormat = 'ifcfg' | 'keyfile' | 'netplan' | 'eni' | 'networkd';

/** Source of random bytes for MAC generation; node:crypto randomBytes by default, injectable for tests. */
export type RandomSource = (size: number) => Uint8Array;
