// The deprecated --nic keys network= and broadcast=: derived from ipaddr and prefix, so they may
// only repeat what those say (docs/network-formats.md#bad-nic-input, row 19). Checked after core's
// rules, on the checked IPv4 address.

import { broadcastOf, formatIpv4, networkOf, parseIpv4 } from './ipv4.js';
import type { NicDiagnostics } from './nic-diagnostics.js';
import type { NicKey } from './nic-keys.js';
import type { IpAddress } from './types.js';

/** Fails when network=/broadcast= disagree with the address; warns that they can be dropped. */
export function checkDerivedKeys(items: ReadonlyMap<NicKey, string>, ipv4: IpAddress | undefined, diag: NicDiagnostics): void {
  if (ipv4 === undefined) return;
  const value = parseIpv4(ipv4.address) as number;
  const derived: Array<['network' | 'broadcast', number]> = [['network', networkOf(value, ipv4.prefix)], ['broadcast', broadcastOf(value, ipv4.prefix)]];
  for (const [key, expected] of derived) {
    const given = items.get(key);
    if (given === undefined) continue;
    if (parseIpv4(given) !== expected) {
      diag.fail(`${key}=${given} does not match ipaddr ${ipv4.address}/${ipv4.prefix} (${key} ${formatIpv4(expected)}); drop ${key}= (it is derived)`);
    }
    diag.warn(`${key}= is deprecated and derived from ipaddr and prefix; it can be dropped`);
  }
}
