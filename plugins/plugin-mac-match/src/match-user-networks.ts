// How the user's own --network options attach to the image's NICs: by MAC, and only by MAC.
// A --network whose mac= is a guest NIC's MAC replaces what rejviz-install would add for that NIC;
// every other --network (another MAC, no mac=, mac=RANDOM) is kept as an extra NIC after the
// guest's NICs, so it cannot shift their order, and is reported. Position is never used: the user's
// --network order is easy to get wrong, and a MAC says unambiguously which NIC is meant.

import type { ManifestNic } from '@rejviz/core';
import { UsageError } from '@rejviz/core';
import { normaliseMac } from '@rejviz/core/nic';
import type { UserNetwork } from './types.js';

/** The user's --network options: those replacing a guest NIC (by its MAC), and the extras. */
export interface UserNetworkMatch {
  byMac: Map<string, UserNetwork>;
  extras: UserNetwork[];
  warnings: string[];
}

/** The MAC of a manifest NIC in the form user MACs are compared in. */
export function guestMac(nic: ManifestNic): string {
  return normaliseMac(nic.mac, 'libvirt') ?? nic.mac.toLowerCase();
}

/** Attaches user --network options to guest NICs by mac=; see the file comment for the rule. */
export function matchUserNetworks(users: readonly UserNetwork[], guest: readonly ManifestNic[]): UserNetworkMatch {
  const guestNames = new Map(guest.map((nic) => [guestMac(nic), nic.name]));
  const listed = guest.map((nic) => `${nic.name} ${guestMac(nic)}`).join(', ');
  const byMac = new Map<string, UserNetwork>();
  const extras: UserNetwork[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, UserNetwork>();
  for (const user of users) {
    if (user.none) {
      if (guest.length > 0) {
        throw new UsageError(`--network none: the image has NICs (${listed}) and rejviz-install adds them itself; drop --network none`);
      }
      extras.push(user);
      continue;
    }
    if (user.mac !== null) {
      const earlier = seen.get(user.mac);
      if (earlier) throw new UsageError(`--network ${earlier.value} and --network ${user.value} both give mac=${user.mac}; give each NIC its own MAC`);
      seen.set(user.mac, user);
    }
    const name = user.mac === null ? undefined : guestNames.get(user.mac);
    if (user.mac !== null && name !== undefined) {
      byMac.set(user.mac, user);
      continue;
    }
    extras.push(user);
    const why = user.mac === null ? 'has no mac=, so it is none of the image NICs' : `mac=${user.mac} is none of the image NICs`;
    const image = guest.length > 0 ? ` (${listed})` : ' (the image has none)';
    warnings.push(`--network ${user.value}: ${why}${image}; kept as an extra NIC after them`);
  }
  return { byMac, extras, warnings };
}
