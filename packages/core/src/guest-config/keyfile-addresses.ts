// The [ipv4]/[ipv6] address keys of a NetworkManager keyfile: address, addressN, addresses,
// addressesN, read in index order with the unnumbered key first (NM keyfile tests), each
// `IP/PREFIX[,GATEWAY]` or the legacy `IP;PREFIX;GATEWAY;`
// (docs/network-formats.md#networkmanager-keyfile).
import { readAddress } from './address-prefix.js';
import { lineNote } from './file-notes.js';
import { parseIp, type IpFamily } from '../nic/ip-address.js';
import type { IniEntry } from './ini-file.js';
import type { GuestAddress } from './types.js';

export interface KeyfileAddresses {
  addresses: GuestAddress[];
  /** The gateway of the first address that names one (used when there is no gateway= key). */
  embeddedGateway: string | null;
  notes: string[];
}

function indexOf(key: string): number {
  const digits = /(\d+)$/.exec(key)?.[1];
  return digits === undefined ? -1 : Number(digits);
}

/** The addresses of one [ipv4] or [ipv6] section's entries. */
export function keyfileAddresses(entries: IniEntry[], family: IpFamily, file: string): KeyfileAddresses {
  const out: KeyfileAddresses = { addresses: [], embeddedGateway: null, notes: [] };
  const keyed = entries.filter((e) => /^address(es)?\d*$/.test(e.key));
  for (const entry of [...keyed].sort((a, b) => indexOf(a.key) - indexOf(b.key))) {
    const tokens = entry.value.split(/[;,]/).map((t) => t.trim());
    const first = tokens.shift() ?? '';
    const prefix = !first.includes('/') && /^\d+$/.test(tokens[0] ?? '') ? tokens.shift() : undefined;
    const r = readAddress({ text: first, prefix, ...(family === 6 ? { ipv6Default: 64 } : {}) });
    for (const p of r.problems) out.notes.push(lineNote(file, entry.line, `${entry.key}: ${p}`));
    if (r.family !== null && r.family !== family) out.notes.push(lineNote(file, entry.line, `${entry.key}: an IPv${r.family} address in [ipv${family}]`));
    if (r.address !== null) out.addresses.push(r.address);
    const gw = tokens.find((t) => t !== '');
    if (gw !== undefined && out.embeddedGateway === null) {
      const text = parseIp(gw, 'lenient', family);
      if (text === undefined) out.notes.push(lineNote(file, entry.line, `${entry.key}: gateway '${gw}' is not an IPv${family} address`));
      else if (text !== '0.0.0.0' && text !== '::') out.embeddedGateway = text;
    }
  }
  return out;
}
