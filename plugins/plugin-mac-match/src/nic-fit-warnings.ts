// Warnings about how a guest NIC's addressing fits the network it was given: nothing here stops the
// install, but each is a likely reason for a guest that boots without working networking.

import type { ManifestNic } from '@rejviz/core';
import { addressInRange, cidrText, intendedFamily, relateSubnets } from '@rejviz/core/nic';
import type { LibvirtNetwork } from './types.js';

/** One-line warnings about `nic` on `network`. */
export function nicFitWarnings(nic: ManifestNic, network: LibvirtNetwork): string[] {
  const warnings: string[] = [];
  const where = `NIC ${nic.name} on network ${network.name}`;
  if (nic.bootproto === 'dhcp' && network.ips.every((ip) => ip.dhcpRanges.length === 0)) {
    warnings.push(`${where}: the NIC uses DHCP but the network serves no DHCP range, so it will get no address`);
  }
  for (const address of nic.addresses) {
    const host = address.address;
    const text = cidrText(address);
    const sameFamily = network.ips.filter((ip) => intendedFamily(ip.address) === intendedFamily(host));
    for (const ip of sameFamily) {
      if (addressInRange(host, ip.address, ip.address)) warnings.push(`${where}: ${text} is the host's own address on that network; choose another`);
      for (const range of ip.dhcpRanges) {
        if (addressInRange(host, range.start, range.end)) {
          warnings.push(`${where}: ${text} lies in the DHCP range ${range.start}-${range.end}, so libvirt may lease it to another guest`);
        }
      }
    }
    // A network without an IP of this family (an isolated one) leaves addressing to the guests.
    const relations = sameFamily.map((ip) => relateSubnets(address, ip));
    if (sameFamily.length > 0 && !relations.includes('inside')) {
      const how = relations.includes('partial') ? 'only partly overlaps' : 'is outside';
      const subnets = sameFamily.map((ip) => ip.cidr).join(', ');
      warnings.push(`${where}: ${text} ${how} the network's subnet (${subnets}); pass --nic-network ${nic.name}=NETWORK for a matching one`);
    }
  }
  return warnings;
}
