// The structured NIC that the NIC rules judge: what `--nic` values and manifest NICs both become
// before they are checked (check-nic.ts), so that one set of rules serves both.
import type { IpAddress } from './ip-address.js';

/** How a NIC gets its IPv4 configuration. IPv6 is static when an IPv6 address is given, else automatic (RA). */
export type Bootproto = 'dhcp' | 'static' | 'none';

/** Every bootproto, for the rules and for readers of text that names one. */
export const BOOTPROTOS: readonly Bootproto[] = ['dhcp', 'static', 'none'];

/**
 * One guest NIC. Before checkNic, texts are as the user wrote them (a MAC may use '-' or upper
 * case, IPv6 may be uncompressed); checkNic returns them canonical: MAC lowercase with ':',
 * IPv6 in RFC 5952 form. Optional keys are absent, never undefined, when not given.
 */
export interface NicConfig {
  name: string;
  /** Absent when no MAC was given (rejviz-builder then generates one). */
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

/** A NIC with its MAC: what a guest configuration is rendered from and what a manifest lists. */
export type NicWithMac = NicConfig & { mac: string };
