// The static addresses of an ifcfg file, in the two dialects: RHEL-family (initscripts / NM
// ifcfg-rh: IPADDR, IPADDR0..n with PREFIXn/NETMASKn, IPV6ADDR[_SECONDARIES]) and SUSE wicked
// (IPADDR<any suffix>, IPv4 or IPv6, with PREFIXLEN<suffix>/NETMASK<suffix>)
// (docs/network-formats.md#ifcfg-rhel-family, docs/network-formats.md#suse-wicked-read-only).
import { readAddress, type AddressSpec } from './address-prefix.js';
import { lineNote } from './file-notes.js';
import type { ShellVar } from './shell-assignments.js';
import type { GuestAddress } from './types.js';

export interface IfcfgAddresses {
  addresses: GuestAddress[];
  hasIpv4: boolean;
  notes: string[];
}

/** A variable's entry, treating an empty value as absent (KEY= unsets it in effect). */
export function shellValue(vars: Map<string, ShellVar>, key: string): ShellVar | undefined {
  const v = vars.get(key);
  return v === undefined || v.value.trim() === '' ? undefined : v;
}

function collect(file: string): IfcfgAddresses & { add(key: string, at: ShellVar, spec: AddressSpec, want?: 4 | 6): void } {
  const result = {
    addresses: [] as GuestAddress[], hasIpv4: false, notes: [] as string[],
    add(key: string, at: ShellVar, spec: AddressSpec, want?: 4 | 6) {
      const r = readAddress(spec);
      for (const p of r.problems) result.notes.push(lineNote(file, at.line, `${key}: ${p}`));
      if (want !== undefined && r.family !== null && r.family !== want) {
        result.notes.push(lineNote(file, at.line, `${key} holds an IPv${r.family} address; it takes IPv${want} only`));
      }
      if (r.address === null) return;
      result.addresses.push(r.address);
      if (r.family === 4) result.hasIpv4 = true;
    },
  };
  return result;
}

/** RHEL family: IPADDR, IPADDR0, IPADDR1 optional; from IPADDR2 on, the first gap ends the list (initscripts expand_config, NM reader). */
export function rhIfcfgAddresses(vars: Map<string, ShellVar>, file: string): IfcfgAddresses {
  const out = collect(file);
  for (let n = -1; n <= 255; n++) {
    const suffix = n === -1 ? '' : String(n);
    const at = shellValue(vars, `IPADDR${suffix}`);
    if (at === undefined) {
      if (n >= 2) break;
      continue;
    }
    if (at.value.includes('/')) {
      out.notes.push(lineNote(file, at.line, `IPADDR${suffix}=${at.value}: NetworkManager rejects a /prefix here; use PREFIX${suffix}`));
    }
    out.add(`IPADDR${suffix}`, at, {
      text: at.value, prefix: shellValue(vars, `PREFIX${suffix}`)?.value, netmask: shellValue(vars, `NETMASK${suffix}`)?.value,
    }, 4);
  }
  const v6 = shellValue(vars, 'IPV6ADDR');
  if (v6 !== undefined) out.add('IPV6ADDR', v6, { text: v6.value, ipv6Default: 64 }, 6);
  const secondaries = shellValue(vars, 'IPV6ADDR_SECONDARIES');
  for (const text of secondaries?.value.trim().split(/\s+/) ?? []) {
    out.add('IPV6ADDR_SECONDARIES', secondaries as ShellVar, { text, ipv6Default: 64 }, 6);
  }
  return out;
}

/** SUSE wicked: every IPADDR<suffix>, in file order; a prefix in the address beats PREFIXLEN beats NETMASK. */
export function suseIfcfgAddresses(vars: Map<string, ShellVar>, file: string): IfcfgAddresses {
  const out = collect(file);
  for (const key of vars.keys()) {
    const m = /^IPADDR(.*)$/.exec(key);
    const at = shellValue(vars, key);
    if (m === null || at === undefined) continue;
    const suffix = m[1] as string;
    out.add(key, at, { text: at.value, prefix: shellValue(vars, `PREFIXLEN${suffix}`)?.value, netmask: shellValue(vars, `NETMASK${suffix}`)?.value });
  }
  return out;
}
