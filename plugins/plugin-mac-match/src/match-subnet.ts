// Chooses a guest NIC's network from its static addresses: the libvirt network whose subnet
// contains the NIC's whole subnet, the most specific one when several do.

import type { ManifestNic } from '@rejviz/core';
import { UsageError } from '@rejviz/core';
import { cidrText, relateSubnets, type IpAddress } from '@rejviz/core/nic';
import type { LibvirtNetwork } from './types.js';

/** A network subnet that overlaps a NIC's subnet without containing it, so it is never chosen. */
export interface PartialOverlap {
  address: IpAddress;
  network: LibvirtNetwork;
  cidr: string;
}

/** The outcome for one NIC: the network (or null when none contains it) and the partial overlaps. */
export interface SubnetChoice {
  network: LibvirtNetwork | null;
  partial: PartialOverlap[];
}

/** The best network for one address: the longest containing prefix, or every network tied at it. */
function bestFor(address: IpAddress, networks: readonly LibvirtNetwork[], partial: PartialOverlap[]) {
  let best: { prefix: number; networks: LibvirtNetwork[] } | undefined;
  for (const network of networks) {
    for (const ip of network.ips) {
      const relation = relateSubnets(address, ip);
      if (relation === 'partial') partial.push({ address, network, cidr: ip.cidr });
      if (relation !== 'inside') continue;
      if (best === undefined || ip.prefix > best.prefix) best = { prefix: ip.prefix, networks: [network] };
      else if (ip.prefix === best.prefix && !best.networks.includes(network)) best.networks.push(network);
    }
  }
  return best;
}

/** Picks the network whose subnet contains the NIC's static addresses; ties and disagreements are usage errors. */
export function networkBySubnet(nic: ManifestNic, networks: readonly LibvirtNetwork[]): SubnetChoice {
  const partial: PartialOverlap[] = [];
  const picks: { address: IpAddress; network: LibvirtNetwork }[] = [];
  for (const address of nic.addresses) {
    const best = bestFor(address, networks, partial);
    if (best === undefined) continue;
    const [only, ...others] = best.networks;
    if (only === undefined) continue;
    if (others.length > 0) {
      const names = best.networks.map((network) => network.name).join(', ');
      throw new UsageError(
        `NIC ${nic.name}: ${cidrText(address)} lies in equally specific /${best.prefix} subnets of networks ${names}; pass --nic-network ${nic.name}=NETWORK to choose one`,
      );
    }
    picks.push({ address, network: only });
  }
  const chosen = picks[0]?.network ?? null;
  if (picks.some((pick) => pick.network !== chosen)) {
    const which = picks.map((pick) => `${cidrText(pick.address)} in ${pick.network.name}`).join(', ');
    throw new UsageError(`NIC ${nic.name}: its addresses point at different networks (${which}); pass --nic-network ${nic.name}=NETWORK to choose one`);
  }
  return { network: chosen, partial };
}
