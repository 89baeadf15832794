// How --nic messages name a NIC's parts for core's NIC rules: by the key the user wrote
// (`hwaddr`, `ip6addr` or `ipaddr` for an IPv6 address given as ipaddr=, `dns3`).
import type { NicWords } from '@rejviz/core/nic';

/** Which keys held the values whose key the NIC alone does not tell. */
export interface NicKeysUsed {
  /** 'ipaddr' or 'ip6addr': where the IPv6 address came from. */
  ipv6: string;
  /** 'gateway' or 'gateway6': where the IPv6 gateway came from. */
  gateway6: string;
  /** dns1..dns3 in the order of the NIC's DNS servers. */
  dns: string[];
}

const DEFAULT_KEYS: NicKeysUsed = { ipv6: 'ip6addr', gateway6: 'gateway6', dns: ['dns1', 'dns2', 'dns3'] };

/** The words for the `position`th --nic (0-based), named `name`. */
export function nicOptionWords(name: string, position: number, keys: NicKeysUsed = DEFAULT_KEYS): NicWords {
  return {
    // The label ("--nic 'name=..'") already quotes the raw value when the name is bad.
    nameIntro: '',
    mac: 'hwaddr',
    address: (family) => (family === 4 ? 'ipaddr' : keys.ipv6),
    addressList: (family) => (family === 4 ? 'ipaddr' : keys.ipv6),
    addAddress: (family) => (family === 4 ? 'ipaddr=A.B.C.D/NN' : 'ip6addr=ADDR/NN'),
    gateway: (family) => (family === 4 ? 'gateway' : keys.gateway6),
    dns: (index) => keys.dns[index] ?? `dns${index + 1}`,
    mtu: 'mtu',
    setting: (field, value) => `${field}=${value}`,
    nic: `--nic ${name}`,
    entry: `--nic #${position + 1}`,
    omitMac: 'omit hwaddr to generate one',
    oneDefaultRoute: 'add defroute=no on all but one',
  };
}
