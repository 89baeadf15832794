// Reads gateway/gateway6 of one --nic into at most one gateway per family: which family a key
// holds and the %zone of a link-local gateway. Whether each is a usable next hop on this NIC
// (docs/network-formats.md#bad-nic-input, rows 20 and 21) is judged by core's NIC rules (checkNic).

import { shown } from '@rejviz/core';
import { intendedFamily, isLinkLocal, parseIp } from '@rejviz/core/nic';
import type { NicDiagnostics } from './nic-diagnostics.js';
import type { NicKey } from './nic-keys.js';

/** Strips a %zone, which only makes sense on a link-local gateway and must name this NIC. */
function withoutZone(text: string, key: NicKey, name: string, diag: NicDiagnostics): string {
  const [bare = '', zone] = text.split('%', 2);
  if (zone === undefined) return bare;
  const address = parseIp(bare, 'strict', 6);
  if (address === undefined || !isLinkLocal(address) || zone !== name) {
    diag.fail(`${key} ${shown(text)}: a %zone is only allowed on a link-local gateway and must be this NIC's name; omit it`);
  }
  return bare;
}

/** Reads gateway (either family) and gateway6 (IPv6 only); also says which key held the IPv6 gateway. */
export function parseGateways(items: ReadonlyMap<NicKey, string>, name: string, diag: NicDiagnostics): { gateway4?: string; gateway6?: string; gateway6Key: NicKey } {
  const gateway = items.get('gateway');
  const gateway6 = items.get('gateway6');
  if (gateway6 !== undefined && intendedFamily(gateway6) === 4) {
    diag.fail(`gateway6 takes an IPv6 address, got ${shown(gateway6)}; give the IPv4 gateway as gateway=`);
  }
  const v6given = gateway !== undefined && intendedFamily(gateway) === 6;
  if (v6given && gateway6 !== undefined) {
    diag.fail(`gateway and gateway6 both give an IPv6 gateway; one per family: gateway=IPv4, gateway6=IPv6`);
  }
  const gateway6Key: NicKey = v6given ? 'gateway' : 'gateway6';
  const six = v6given ? gateway : gateway6;
  return {
    ...(gateway !== undefined && !v6given && { gateway4: gateway }),
    ...(six !== undefined && { gateway6: withoutZone(six, gateway6Key, name, diag) }),
    gateway6Key,
  };
}
