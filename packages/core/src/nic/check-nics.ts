// The rules across the NICs of one guest (docs/network-formats.md#bad-nic-input, rows 8, 9 and 22):
// distinct names, distinct MACs, at most one default-route owner per family.
import type { NicConfig } from './nic-config.js';
import type { NicWords } from './nic-words.js';

/** One checked NIC and the words that name its parts. */
export interface WordedNic {
  nic: NicConfig;
  words: NicWords;
}

/** Fails through `fail` when two NICs share a name or a MAC, or more than one owns a default route of a family. */
export function checkNicSet(nics: readonly WordedNic[], fail: (message: string) => never): void {
  const byName = new Map<string, WordedNic>();
  const byMac = new Map<string, WordedNic>();
  for (const entry of nics) {
    const { nic, words } = entry;
    const sameName = byName.get(nic.name);
    if (sameName) fail(`duplicate NIC name '${nic.name}': ${sameName.words.entry} and ${words.entry} both name it; give each NIC its own name`);
    byName.set(nic.name, entry);
    if (nic.mac === undefined) continue;
    const sameMac = byMac.get(nic.mac);
    if (sameMac) {
      const omit = words.omitMac ? ` (or ${words.omitMac})` : '';
      fail(`${words.mac} ${nic.mac} used by ${sameMac.nic.name} and ${nic.name}; give each NIC its own MAC${omit}`);
    }
    byMac.set(nic.mac, entry);
  }
  // Guests cannot hold two default routes of one family with the same metric (netplan rejects it,
  // NM and initscripts pick one arbitrarily), so exactly one NIC per family may own it.
  for (const [family, key] of [['IPv4', 'gateway4'], ['IPv6', 'gateway6']] as const) {
    const owners = nics.filter((n) => n.nic[key] !== undefined && n.nic.defroute !== false);
    if (owners.length > 1) {
      fail(`${owners.map((o) => o.words.nic).join(' and ')} ${owners.length === 2 ? 'both' : 'all'} set an ${family} default gateway; ${owners[0]!.words.oneDefaultRoute}`);
    }
  }
}
