// Splits the compact --nic syntax (KEY=VALUE items separated by ',') into a key map, rejecting
// everything the original rejviz silently accepted: bare items, unknown and repeated keys, empty values.

import { shown } from '@rejviz/core';
import { NicDiagnostics, nicLabel } from './nic-diagnostics.js';
import { isValidInterfaceName } from '@rejviz/core/nic';

/**
 * The keys --nic understands. `ipaddr`/`gateway` take either family (the address decides);
 * `ip6addr`/`gateway6` are IPv6-only so that one --nic can carry both families (dual stack).
 * `prefix`/`netmask`/`network`/`broadcast` refer to the IPv4 address; IPv6 prefixes are written
 * inline (`ip6addr=2001:db8::5/64`). dns1..dns3 because the resolver uses at most three servers.
 */
export const NIC_KEYS = [
  'name', 'hwaddr', 'bootproto', 'ipaddr', 'prefix', 'netmask', 'gateway', 'ip6addr', 'gateway6',
  'dns1', 'dns2', 'dns3', 'mtu', 'defroute', 'onlink', 'network', 'broadcast',
] as const;
export type NicKey = (typeof NIC_KEYS)[number];

function isNicKey(key: string): key is NicKey {
  return (NIC_KEYS as readonly string[]).includes(key);
}

/** The split option: its items by key, plus the diagnostics labelled for this NIC. */
export interface NicItems {
  items: Map<NicKey, string>;
  diag: NicDiagnostics;
}

// Label syntax errors with the NIC's name when exactly one valid name= item is present, so that
// messages read "--nic eth1: …" as often as possible; otherwise quote the whole raw value.
function labelFor(raw: string, pieces: string[]): string {
  const names = pieces.filter((p) => p.startsWith('name=')).map((p) => p.slice('name='.length));
  const only = names.length === 1 ? names[0] : undefined;
  return nicLabel(only !== undefined && isValidInterfaceName(only) && only !== 'lo' ? only : undefined, raw);
}

/** Splits one --nic value into KEY=VALUE items (validation table rows 2-5 and 31). */
export function splitNicOption(raw: string): NicItems {
  const pieces = raw.split(',');
  // Explicitly typed so that diag.fail() narrows (TS only trusts annotated `never` calls).
  const diag: NicDiagnostics = new NicDiagnostics(labelFor(raw, pieces));
  const items = new Map<NicKey, string>();
  for (const piece of pieces) {
    const eq = piece.indexOf('=');
    if (piece === '') diag.fail(`empty item (stray ','); write KEY=VALUE items separated by single commas`);
    if (eq < 0) {
      diag.fail(
        `item ${shown(piece)} is not KEY=VALUE (values cannot contain ','; give DNS servers as dns1=…,dns2=…)`,
      );
    }
    const key = piece.slice(0, eq);
    const value = piece.slice(eq + 1);
    if (!isNicKey(key)) diag.fail(`unknown key ${shown(key)} (known: ${NIC_KEYS.join(', ')})`);
    if (items.has(key)) diag.fail(`key '${key}' given more than once; give each key once`);
    if (value === '') diag.fail(`key '${key}' has an empty value; drop the key or give a value`);
    if (value.includes('=')) {
      diag.fail(`value ${shown(value)} of key '${key}' contains '='; --nic values cannot contain ',' or '='`);
    }
    items.set(key, value);
  }
  return { items, diag };
}
