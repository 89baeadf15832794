// The deprecated --nic keys network= and broadcast=: derived from ipaddr and prefix, so they may
// only repeat what those say (docs/network-formats.md#bad-nic-input, row 19). Checked after core's
// rules, on the checked IPv4 address.

import { broadcastOf, parseIp, subnetOf } from '@rejviz/core/nic';
import type { NicDiagnostics } from './nic-diagnostics.js';
import type { NicKey } from './nic-keys.js';
import type { IpAddress } from './types.js';

/** Fails when network=/broadcast= disagree with the address; warns that they can be dropped. */
export function checkDerivedKeys(items: ReadonlyMap<NicKey, string>, ipv4: IpAddress | undefined, diag: NicDiagnostics): void {
  if (ipv4 === undefined) return;
  const derived: Array<['network' | 'broadcast', string]> = [['network', subnetOf(ipv4).address], ['broadcast', broadcastOf(ipv4)]];
  for (const [key, expected] of derived) {
    const given = items.get(key);
    if (given === undefined) continue;
    if (parseIp(given, 'strict', 4) !== expected) {
      diag.fail(`${key}=${given} does not match ipaddr ${ipv4.address}/${ipv4.prefix} (${key} ${expected}); drop ${key}= (it is derived)`);
    }
    diag.warn(`${key}= is deprecated and derived from ipaddr and prefix; it can be dropped`);
  }
}
