// MAC addresses: normalisation, the checks of validation rows 25-29, and generation of missing ones.

import { randomBytes } from 'node:crypto';
import { assert } from '@rejviz/core';
import { shown, type NicDiagnostics } from './nic-diagnostics.js';
import type { NicSpec, ParsedNic, RandomSource } from './types.js';

// Six two-digit hex octets, all separated by ':' or all by '-' (the back-reference forbids mixing).
const MAC = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}$/i;
// QEMU's prefix for NICs without mac=: 52:54:00:12:34:<n>; a fixed MAC there can collide with one.
const QEMU_DEFAULT_RANGE = '52:54:00:12:34:';
const KVM_PREFIX = [0x52, 0x54, 0x00];

const hex = (bytes: Iterable<number>) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(':');

/** Normalises a MAC to lowercase colon form, accepting '-' separators; undefined when malformed. */
export function normaliseMac(text: string): string | undefined {
  return MAC.test(text) ? text.toLowerCase().replace(/-/g, ':') : undefined;
}

/** Whether a (normalised) MAC lies in QEMU's auto-assigned range 52:54:00:12:34:xx. */
export function isQemuDefaultMac(mac: string): boolean {
  return mac.startsWith(QEMU_DEFAULT_RANGE);
}

/** Validates a user-given hwaddr and returns it normalised (rows 25-29). */
export function checkMac(text: string, diag: NicDiagnostics): string {
  const mac = normaliseMac(text);
  if (mac === undefined) diag.fail(`invalid MAC ${shown(text)} in hwaddr (expected xx:xx:xx:xx:xx:xx)`);
  const first = parseInt(mac.slice(0, 2), 16);
  if (first & 1) diag.fail(`hwaddr ${mac} is a multicast/broadcast address; use a unicast MAC (even first octet, e.g. 52:54:00:…)`);
  if (mac === '00:00:00:00:00:00') diag.fail(`hwaddr ${mac} is the null MAC; give a real MAC or omit hwaddr to generate one`);
  if (first === 0xfe) diag.warn(`hwaddr ${mac}: first octet fe is reserved by libvirt for host tap devices; prefer 52:54:00:…`);
  if (isQemuDefaultMac(mac)) {
    diag.warn(`hwaddr ${mac} is in QEMU's default range 52:54:00:12:34:xx and may collide with NICs given no MAC`);
  }
  return mac;
}

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
