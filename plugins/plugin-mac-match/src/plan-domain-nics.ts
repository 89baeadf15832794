// The domain NICs for an image: one --network per guest NIC, in guest order, with the NIC's MAC and
// a network chosen by --nic-network, else by the NIC's static address, else --default-network.

import type { ManifestNic } from '@rejviz/core';
import { UsageError } from '@rejviz/core';
import { cidrText } from '@rejviz/core/nic';
import { checkNicNetworks, knownNetworks } from './check-nic-networks.js';
import { assertMacsFree, macInUseMessage, macsInUse, type PlannedMac } from './mac-in-use.js';
import { networkBySubnet } from './match-subnet.js';
import { guestMac, matchUserNetworks } from './match-user-networks.js';
import { networkArg } from './network-arg.js';
import { nicFitWarnings } from './nic-fit-warnings.js';
import type { DefinedDomain, DomainNicPlan, LibvirtNetwork, NicNetworkOption, NicSource, PlannedNic, UserNetwork } from './types.js';

export interface PlanDomainNicsInput {
  /** The image's NICs in guest order (ImageManifest.nics). */
  manifestNics: readonly ManifestNic[];
  /** The user's own --network options (readUserNetworks); the plan re-emits all of them. */
  userNetworkArgs: readonly UserNetwork[];
  nicNetworks: readonly NicNetworkOption[];
  /** --default-network; 'default' when not given. */
  defaultNetwork?: string;
  /** The defined libvirt networks (virsh net-dumpxml of each). */
  networks: readonly LibvirtNetwork[];
  /** The other defined domains, running or not (virsh dumpxml of each). */
  otherDomains: readonly DefinedDomain[];
  /** False when the user passed virt-install --check mac_in_use=off: MACs in use are then warnings. */
  checkMacInUse?: boolean;
}

/** Plans the --network options of virt-install; bad input is a UsageError, nothing is run. */
export function planDomainNics(input: PlanDomainNicsInput): DomainNicPlan {
  const guest = input.manifestNics;
  const networks = new Map(input.networks.map((network) => [network.name, network]));
  const chosen = checkNicNetworks(input.nicNetworks, guest, networks);
  const users = matchUserNetworks(input.userNetworkArgs, guest);
  const warnings = [...users.warnings];
  warnings.push(...checkMacs(guest, users.extras, input.otherDomains, input.checkMacInUse ?? true));

  const args: string[] = [];
  const nics: PlannedNic[] = [];
  for (const nic of guest) {
    const mac = guestMac(nic);
    const user = users.byMac.get(mac);
    if (user) {
      args.push('--network', user.value);
      nics.push(userNic(nic, mac, user, input.nicNetworks, networks, warnings));
      continue;
    }
    const [network, source] = chooseNetwork(nic, chosen, input.networks, networks, input.defaultNetwork ?? 'default', warnings);
    args.push('--network', networkArg(network.name, mac));
    nics.push({ guestName: nic.name, mac, network: network.name, source });
    warnings.push(...nicFitWarnings(nic, network));
  }
  for (const extra of users.extras) args.push('--network', extra.value);
  // With no NIC at all, virt-install would invent one on the default network with a random MAC,
  // which matches nothing in the image (and could start libvirt's NAT network): ask for none.
  if (args.length === 0) args.push('--network', 'none');
  return { args, nics, warnings };
}

function chooseNetwork(
  nic: ManifestNic,
  chosen: ReadonlyMap<string, LibvirtNetwork>,
  all: readonly LibvirtNetwork[],
  byName: ReadonlyMap<string, LibvirtNetwork>,
  defaultName: string,
  warnings: string[],
): [LibvirtNetwork, NicSource] {
  const option = chosen.get(nic.name);
  if (option) return [option, 'option'];
  const bySubnet = networkBySubnet(nic, all);
  const network = bySubnet.network ?? byName.get(defaultName);
  for (const overlap of bySubnet.partial) {
    // When that network is the one chosen anyway, nicFitWarnings reports the overlap.
    if (overlap.network === network) continue;
    warnings.push(`NIC ${nic.name}: ${cidrText(overlap.address)} only partly overlaps ${overlap.cidr} of network ${overlap.network.name}, so it is not matched to it`);
  }
  if (bySubnet.network) return [bySubnet.network, 'subnet'];
  if (network) return [network, 'default'];
  const why = nic.addresses.length > 0 ? `none of its addresses (${nic.addresses.map(cidrText).join(', ')}) is in a network's subnet` : 'it has no static address';
  throw new UsageError(
    `NIC ${nic.name}: ${why}, and --default-network '${defaultName}' does not exist (${knownNetworks(byName)}); pass --nic-network ${nic.name}=NETWORK or --default-network NETWORK`,
  );
}

function userNic(
  nic: ManifestNic,
  mac: string,
  user: UserNetwork,
  options: readonly NicNetworkOption[],
  networks: ReadonlyMap<string, LibvirtNetwork>,
  warnings: string[],
): PlannedNic {
  const ignored = options.find((option) => option.nic === nic.name);
  if (ignored) warnings.push(`--nic-network ${ignored.nic}=${ignored.network} is ignored: --network ${user.value} gives NIC ${nic.name}'s MAC and wins`);
  const network = user.type === 'network' ? user.source : null;
  const known = network === null ? undefined : networks.get(network);
  if (network !== null && !known) warnings.push(`--network ${user.value}: no libvirt network '${network}' (${knownNetworks(networks)}); virt-install will fail`);
  if (known) warnings.push(...nicFitWarnings(nic, known));
  return { guestName: nic.name, mac, network, source: 'user' };
}

function checkMacs(guest: readonly ManifestNic[], extras: readonly UserNetwork[], others: readonly DefinedDomain[], strict: boolean): string[] {
  const planned: PlannedMac[] = [
    ...guest.map((nic) => ({ mac: guestMac(nic), label: `NIC ${nic.name}`, fix: `rebuild the image with another hwaddr for ${nic.name}` })),
    ...extras.flatMap((user) => (user.mac === null ? [] : [{ mac: user.mac, label: `--network ${user.value}`, fix: 'pick another mac=' }])),
  ];
  if (strict) {
    assertMacsFree(planned, others);
    return [];
  }
  return macsInUse(planned, others).map((hit) => `${macInUseMessage(hit, 0)} (--check mac_in_use=off)`);
}
