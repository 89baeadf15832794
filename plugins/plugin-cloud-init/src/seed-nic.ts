// Turns the image's NICs into what network-config needs, after checking them with the NIC rules
// every manifest passes (@rejviz/core/nic: the same rules as --nic). NICs read from a manifest
// were checked when it was read; NICs found by inspecting an image are checked here first.

import { UsageError, type ManifestNic } from '@rejviz/core';
import { checkManifestNics, inSubnet, isLinkLocal, type IpAddress, type IpFamily, type NicConfig } from '@rejviz/core/nic';

/** A default gateway and whether it must be declared directly reachable (on-link). */
export interface SeedGateway {
  address: string;
  onLink: boolean;
}

/** A checked NIC, ready to render. */
export interface SeedNic {
  name: string;
  /** Lowercase xx:xx:xx:xx:xx:xx. */
  mac: string;
  dhcp4: boolean;
  /** Addresses as CIDR text, canonical. */
  ipv4: string[];
  ipv6: string[];
  gateway4?: SeedGateway;
  gateway6?: SeedGateway;
  dns: string[];
  mtu?: number;
}

const cidr = (a: IpAddress) => `${a.address}/${a.prefix}`;

// Outside every subnet (always so for /32 and /128): reachable only when declared on-link. A
// link-local IPv6 router is on the link by definition. With defroute=no there is no default route.
function gatewayOf(address: string | undefined, family: IpFamily, nic: NicConfig): SeedGateway | undefined {
  if (address === undefined || nic.defroute === false) return undefined;
  const own = family === 4 ? nic.ipv4 : nic.ipv6;
  return { address, onLink: nic.onlink === true || (!(family === 6 && isLinkLocal(address)) && !own.some((a) => inSubnet(address, a))) };
}

/** Checks the NICs (each alone and as a set); `source` names where they came from (e.g. `--manifest vm.json`). */
export function seedNics(nics: readonly ManifestNic[], source: string): SeedNic[] {
  const checked = checkManifestNics(nics, (message) => {
    throw new UsageError(`${source}: ${message}`);
  });
  return checked.map((nic) => {
    const gateway4 = gatewayOf(nic.gateway4, 4, nic);
    const gateway6 = gatewayOf(nic.gateway6, 6, nic);
    return {
      name: nic.name,
      mac: nic.mac,
      dhcp4: nic.bootproto === 'dhcp',
      ipv4: nic.ipv4.map(cidr),
      ipv6: nic.ipv6.map(cidr),
      ...(gateway4 && { gateway4 }),
      ...(gateway6 && { gateway6 }),
      dns: nic.dns,
      ...(nic.mtu !== undefined && { mtu: nic.mtu }),
    };
  });
}
