// Cross-NIC validation of a whole --nic list: rows 8, 9 and 22 of the validation table.

import { UsageError } from '@rejviz/core';
import type { ParsedNic } from './types.js';

/** Throws UsageError when two NICs share a name or a MAC, or more than one owns a default route. */
export function validateNics(nics: readonly ParsedNic[]): void {
  const byName = new Set<string>();
  const byMac = new Map<string, string>();
  for (const nic of nics) {
    if (byName.has(nic.name)) {
      throw new UsageError(`duplicate NIC name '${nic.name}': two --nic options name it; give each NIC its own name`);
    }
    byName.add(nic.name);
    if (nic.mac === undefined) continue;
    const other = byMac.get(nic.mac);
    if (other !== undefined) {
      throw new UsageError(
        `hwaddr ${nic.mac} used by ${other} and ${nic.name}; give each NIC its own MAC (or omit hwaddr to generate one)`,
      );
    }
    byMac.set(nic.mac, nic.name);
  }
  // Guests cannot hold two default routes of one family with the same metric (netplan rejects it,
  // NM and initscripts pick one arbitrarily), so exactly one NIC per family may own it.
  for (const [family, key] of [['IPv4', 'gateway4'], ['IPv6', 'gateway6']] as const) {
    const owners = nics.filter((n) => n[key] !== undefined && n.defroute !== false).map((n) => `--nic ${n.name}`);
    if (owners.length > 1) {
      throw new UsageError(
        `${owners.join(' and ')} ${owners.length === 2 ? 'both' : 'all'} set an ${family} default gateway; add defroute=no on all but one`,
      );
    }
  }
}
