// How a caller of the NIC rules names a NIC's parts in messages. The rules are the same for a
// --nic value and a manifest NIC; only the words differ: `hwaddr` vs `nics[1].mac`,
// `bootproto=dhcp` vs `nics[1].bootproto "dhcp"`. Messages read "<field> <value> <problem>; <fix>".
import type { IpFamily } from './ip-address.js';

/** Where the rules send their findings: `fail` stops with a one-line usage error. */
export interface NicReport {
  fail(message: string): never;
  warn(message: string): void;
}

export interface NicWords {
  /** Put before a bad name's message: '' for --nic (its label already quotes the value), `nics[1].name: ` for a manifest. */
  nameIntro: string;
  mac: string;
  /** The field of the `index`th address of a family: `ipaddr`, `ip6addr`; `nics[1].addresses[2]`. */
  address(family: IpFamily, index: number): string;
  /** What holds the addresses of a family, after "an IPv4 ": `ipaddr`; `address in nics[1].addresses`. */
  addressList(family: IpFamily): string;
  /** How to add an address of a family: `ipaddr=A.B.C.D/NN`; `an IPv4 address to nics[1].addresses`. */
  addAddress(family: IpFamily): string;
  gateway(family: IpFamily): string;
  dns(index: number): string;
  mtu: string;
  /** A setting with its value: `bootproto=dhcp`; `nics[1].bootproto "dhcp"`. */
  setting(field: 'bootproto' | 'onlink' | 'defroute', value: string): string;
  /** The NIC as a whole in messages about several NICs: `--nic eth0`; `nics[0] (eth0)`. */
  nic: string;
  /** Its place in the list, for duplicate names: `--nic #1`; `nics[0]`. */
  entry: string;
  /** Another fix for a MAC problem, when the MAC may be left out: `omit hwaddr to generate one`. */
  omitMac?: string;
  /** How to resolve two NICs owning the default route of one family. */
  oneDefaultRoute: string;
}
