// The --network value rejviz-install gives a guest NIC.

import { quoteSubOption } from '@rejviz/core';

/** `network=NET,mac=MAC,model=virtio`; virtio because without model= the test driver's caps give e1000. */
export function networkArg(network: string, mac: string): string {
  return `network=${quoteSubOption(network)},mac=${mac},model=virtio`;
}
