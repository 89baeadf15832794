// What the guest-config parsers read (files already copied out of the guest) and what they report:
// one GuestNicConfig per NIC configuration found, in whichever format the guest keeps it.
import type { Bootproto } from '../nic/nic-config.js';

/** A file read out of the guest image; `mode` is its permission bits when the caller knows them. */
export interface GuestConfigFile {
  path: string;
  content: string;
  mode?: number;
}

export type GuestConfigFormat =
  | 'ifcfg'
  | 'keyfile'
  | 'netplan'
  | 'eni'
  | 'busybox-eni'
  | 'networkd'
  | 'networkd-link'
  | 'cloud-init'
  | 'udev';

/** An address as a guest file configures it; `prefix` is null when the file gives none (an IPv4 address without a netmask). */
export interface GuestAddress {
  /** Canonical text (IPv6 in RFC 5952 form). */
  address: string;
  prefix: number | null;
}

export interface GuestNicConfig {
  format: GuestConfigFormat;
  /** Guest path of the file the configuration is in. */
  file: string;
  /** What the config binds to: a MAC (lowercase colon form), an interface name, both, or neither (match-all / glob). */
  mac: string | null;
  /** The interface name the config is for (DEVICE=, interface-name=, netplan id/set-name, iface X, [Match] Name=, ...). */
  name: string | null;
  /** True when `name` is a pattern (eth*, en*, or a list of names) rather than one interface. */
  nameIsGlob: boolean;
  /** The IPv4 method. */
  bootproto: Bootproto | null;
  /** IPv4 and IPv6 in file order; an address given without any prefix has a null prefix (and a note). */
  addresses: GuestAddress[];
  gateway: string | null;
  gateway6: string | null;
  dns: string[];
  mtu: number | null;
  /** Problems a user should see (unparseable line, unknown value), one line each, naming file and line. */
  notes: string[];
}

/** A config of `format` in `file` with nothing set yet. */
export function emptyNicConfig(format: GuestConfigFormat, file: string): GuestNicConfig {
  return {
    format, file, mac: null, name: null, nameIsGlob: false, bootproto: null,
    addresses: [], gateway: null, gateway6: null, dns: [], mtu: null, notes: [],
  };
}
