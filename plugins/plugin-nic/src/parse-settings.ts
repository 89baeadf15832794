// Reads the scalar --nic keys as text: bootproto (docs/network-formats.md#bad-nic-input, row 10),
// dns1..dns3, mtu, yes/no flags. What the values mean together (rows 11, 12, 23, 24) is judged by
// core's NIC rules (checkNic).

import { BOOTPROTOS, MTU_RANGE, type Bootproto } from '@rejviz/core/nic';
import { shown } from '@rejviz/core';
import type { NicDiagnostics } from './nic-diagnostics.js';
import { YES_NO, type NicKey } from './nic-keys.js';

type Items = ReadonlyMap<NicKey, string>;

const DNS_KEYS = ['dns1', 'dns2', 'dns3'] as const;
// Keys that only shape the IPv4 ipaddr; with bootproto dhcp or none they are a mistake even when
// ipaddr is missing (which would otherwise be reported as "applies to an IPv4 ipaddr").
const IPV4_SHAPE_KEYS = ['prefix', 'netmask', 'network', 'broadcast'] as const;

/** Reads bootproto; refuses it next to keys that only shape a static IPv4 address. */
export function parseBootproto(items: Items, diag: NicDiagnostics): Bootproto | undefined {
  const given = items.get('bootproto');
  if (given === undefined) return undefined;
  const bootproto = BOOTPROTOS.find((b) => b === given);
  if (bootproto === undefined) diag.fail(`bootproto ${shown(given)} is not one of ${BOOTPROTOS.join(', ')}`);
  if (bootproto === 'static') return bootproto;
  const why = bootproto === 'dhcp' ? 'the DHCP server provides the IPv4 settings' : 'bootproto=none configures no IPv4';
  for (const key of IPV4_SHAPE_KEYS) {
    if (items.has(key)) diag.fail(`bootproto=${bootproto} cannot be combined with ${key} (${why}); drop ${key} or use bootproto=static`);
  }
  return bootproto;
}

/** The DNS servers dns1..dns3 as written, in key order, and the keys they came from. */
export function readDns(items: Items): { dns: string[]; keys: string[] } {
  const keys = DNS_KEYS.filter((key) => items.has(key));
  return { dns: keys.map((key) => items.get(key) as string), keys };
}

/** Reads mtu as a decimal number (its range is a NIC rule). */
export function parseMtu(items: Items, diag: NicDiagnostics): number | undefined {
  const text = items.get('mtu');
  if (text === undefined) return undefined;
  if (!/^[1-9][0-9]{0,5}$/.test(text)) diag.fail(`mtu ${shown(text)} out of range: ${MTU_RANGE}`);
  return Number(text);
}

/** Reads a yes/no key. */
export function parseYesNo(items: Items, key: 'defroute' | 'onlink', diag: NicDiagnostics): boolean | undefined {
  const value = items.get(key);
  if (value === undefined) return undefined;
  if (!(YES_NO as readonly string[]).includes(value)) diag.fail(`${key} must be ${YES_NO.join(' or ')}, got ${shown(value)}`);
  return value === 'yes';
}
