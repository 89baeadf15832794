// Generation of the MACs the user left out (docs/network-formats.md#mac-addresses). Reading and
// checking a given MAC is core's (@rejviz/core/nic: normaliseMac, and the MAC rules of checkNic).

import { randomBytes } from 'node:crypto';
import { assert } from '@rejviz/core';
import { isQemuDefaultMac } from '@rejviz/core/nic';
import type { NicSpec, ParsedNic, RandomSource } from './types.js';

const KVM_PREFIX = [0x52, 0x54, 0x00];

const hex = (bytes: Iterable<number>) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(':');

/** Draws 52:54:00:xx:xx:xx from `random`, re-drawing QEMU's default range and MACs in `taken`. */
export function generateMac(taken: ReadonlySet<string>, random: RandomSource = randomBytes): string {
  // 2^24 candidates and at most a handful taken: many consecutive misses means a broken source.
  for (let attempt = 0; attempt < 1000; attempt++) {
    const mac = hex([...KVM_PREFIX, ...random(3).subarray(0, 3)]);
    assert(mac.length === 17, 'random source returned fewer than 3 bytes');
    if (!isQemuDefaultMac(mac) && !taken.has(mac)) return mac;
  }
  assert(false, 'random source produced 1000 unusable MACs in a row');
}

/** Gives every NIC a MAC: user-given ones are kept, missing ones are generated without collisions. */
export function assignMacs(nics: readonly ParsedNic[], random: RandomSource = randomBytes): NicSpec[] {
  const taken = new Set(nics.flatMap((n) => (n.mac === undefined ? [] : [n.mac])));
  return nics.map((nic) => {
    if (nic.mac !== undefined) return { ...nic, mac: nic.mac, macGenerated: false };
    const mac = generateMac(taken, random);
    taken.add(mac);
    return { ...nic, mac, macGenerated: true };
  });
}
