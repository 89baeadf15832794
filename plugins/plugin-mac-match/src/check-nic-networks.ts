// Checks --nic-network options against the image's NICs and the defined libvirt networks, so that
// rejviz-install never sends a NIC to a network that does not exist.

import type { ManifestNic } from '@rejviz/core';
import { UsageError } from '@rejviz/core';
import type { LibvirtNetwork, NicNetworkOption } from './types.js';

/** "known: a, b" or a note that there are none, for messages about unknown networks. */
export function knownNetworks(networks: ReadonlyMap<string, LibvirtNetwork>): string {
  const names = [...networks.keys()].sort();
  return names.length > 0 ? `known: ${names.join(', ')}` : 'no libvirt network is defined';
}

/** The network each NIC was given with --nic-network, by NIC name. */
export function checkNicNetworks(
  options: readonly NicNetworkOption[],
  guest: readonly ManifestNic[],
  networks: ReadonlyMap<string, LibvirtNetwork>,
): Map<string, LibvirtNetwork> {
  const chosen = new Map<string, LibvirtNetwork>();
  const guestNames = guest.map((nic) => nic.name);
  for (const { nic, network } of options) {
    const option = `--nic-network ${nic}=${network}`;
    if (!guestNames.includes(nic)) {
      const have = guestNames.length > 0 ? `its NICs are ${guestNames.join(', ')}` : 'it has no NICs';
      throw new UsageError(`${option}: the image has no NIC ${nic} (${have}); name one of the image's NICs`);
    }
    const earlier = chosen.get(nic);
    if (earlier) throw new UsageError(`${option}: NIC ${nic} was already given --nic-network ${nic}=${earlier.name}; give each NIC once`);
    const found = networks.get(network);
    if (!found) {
      throw new UsageError(`${option}: no libvirt network '${network}' (${knownNetworks(networks)}); name a defined network or define it with virsh net-define`);
    }
    chosen.set(nic, found);
  }
  return chosen;
}
