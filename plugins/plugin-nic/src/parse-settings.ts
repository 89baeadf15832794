// Reads the scalar --nic keys: bootproto (rows 10 and 12), dns1..dns3 (row 23), mtu (row 24), yes/no flags.

import { intendedFamily, parseIpLiteral } from './ip-literal.js';
import { shown, type NicDiagnostics } from './nic-diagnostics.js';
import type { NicKey } from './nic-option.js';
import type { Bootproto } from './types.js';

type Items = ReadonlyMap<NicKey, string>;

const BOOTPROTOS: readonly Bootproto[] = ['dhcp', 'static', 'none'];
const DNS_KEYS = ['dns1', 'dns2', 'dns3'] as const;

/** Reads bootproto and rejects IPv4 settings it would silently drop (rows 10 and 12). */
export function parseBootproto(items: Items, diag: NicDiagnostics): Bootproto | undefined {
  const given = items.get('bootproto');
  if (given === undefined) return undefined;
  const bootproto = BOOTPROTOS.find((b) => b === given);
  if (bootproto === undefined) diag.fail(`bootproto ${shown(given)} is not one of ${BOOTPROTOS.join(', ')}`);
  if (bootproto === 'static') return bootproto;
  const why = bootproto === 'dhcp' ? 'the DHCP server provides the IPv4 settings' : 'bootproto=none configures no IPv4';
  const hasIpv6 = items.has('ip6addr') || intendedFamily(items.get('ipaddr') ?? '') === 6;
  for (const key of ['ipaddr', 'gateway', 'prefix', 'netmask', 'network', 'broadcast', ...DNS_KEYS] as const) {
    const value = items.get(key);
    if (value === undefined) continue;
    // IPv6 addresses and gateways are independent of bootproto, which only describes IPv4. Static
    // DNS servers clash only with DHCP, and not when a static IPv6 address comes with them.
    if ((key === 'ipaddr' || key === 'gateway') && intendedFamily(value) === 6) continue;
    if (key.startsWith('dns') && (hasIpv6 || bootproto === 'none')) continue;
    diag.fail(`bootproto=${bootproto} cannot be combined with ${key} (${why}); drop ${key} or use bootproto=static`);
  }
  return bootproto;
}

/** Reads dns1..dns3 in order; each must be an IP literal (row 23) of a family the NIC has. */
export function parseDns(items: Items, bootproto: Bootproto, diag: NicDiagnostics): string[] {
  const servers: string[] = [];
  for (const key of DNS_KEYS) {
    const value = items.get(key);
    if (value === undefined) continue;
    const address = parseIpLiteral(value);
    if (address === undefined) diag.fail(`${key} must be an IP address, got ${shown(value)}`);
    // NetworkManager refuses IPv4 DNS servers on a profile whose IPv4 is disabled.
    if (bootproto === 'none' && intendedFamily(address) === 4) {
      diag.fail(`${key} ${address} is IPv4 but bootproto=none gives this NIC no IPv4; give an IPv6 server or an IPv4 ipaddr`);
    }
    servers.push(address);
  }
  return servers;
}

/** Reads mtu: 68-65535, and at least 1280 when the NIC has a static IPv6 address (row 24). */
export function parseMtu(items: Items, hasStaticIpv6: boolean, diag: NicDiagnostics): number | undefined {
  const text = items.get('mtu');
  if (text === undefined) return undefined;
  const mtu = /^[1-9][0-9]{0,5}$/.test(text) ? Number(text) : NaN;
  if (!(mtu >= 68 && mtu <= 65535)) diag.fail(`mtu ${shown(text)} out of range: use 68-65535 (at least 1280 with IPv6)`);
  if (mtu < 1280 && hasStaticIpv6) diag.fail(`mtu ${mtu} out of range: IPv6 needs at least 1280`);
  if (mtu < 1280) diag.warn(`mtu ${mtu} is below 1280, so IPv6 (including router-advertised addresses) will not work on this NIC`);
  return mtu;
}

/** Reads a yes/no key. */
export function parseYesNo(items: Items, key: 'defroute' | 'onlink', diag: NicDiagnostics): boolean | undefined {
  const value = items.get(key);
  if (value === undefined) return undefined;
  if (value !== 'yes' && value !== 'no') diag.fail(`${key} must be yes or no, got ${shown(value)}`);
  return value === 'yes';
}
