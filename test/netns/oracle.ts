// What a --nic *means*, derived from the parsed NIC and the link's services only, never from a
// renderer's output (routing.ts included): otherwise a renderer bug would also be the expectation.
// The meaning, as documented in plugins/plugin-nic/src/parse-nic.ts and types.ts:
//  - bootproto=static: exactly the given IPv4 addresses; dhcp: one lease from the link's server;
//    none: no IPv4 at all.
//  - IPv6: exactly the given addresses when there are some (no SLAAC, no RA routes); otherwise
//    automatic: a SLAAC address and the router's default route where the link advertises a prefix.
//  - default route per family: the NIC's gateway, unless defroute=no; a DHCP NIC takes the
//    lease's router unless defroute=no, or another NIC has a static IPv4 gateway and this one
//    does not say defroute=yes; router advertisements bring their own IPv6 default route. The
//    gateway must be reachable directly on the link.
//  - MTU as given (1500 otherwise); DNS: the static servers plus those the DHCP lease brings.
import type { NicSpec } from '@rejviz/plugin-nic';
import type { LinkFacts } from './link-plan.js';

/** An address the NIC must hold: exact, or any host of a network with this prefix length. */
export interface ExpectedAddress {
  family: 4 | 6;
  prefix: number;
  address?: string;
  within?: string;
}

export interface ExpectedNic {
  name: string;
  addresses: ExpectedAddress[];
  /** The default route's gateway per family when this NIC owns it. */
  gateway4?: string;
  gateway6?: string;
  mtu: number;
  dns: string[];
}

function ownsDhcpDefault(nic: NicSpec, nics: readonly NicSpec[]): boolean {
  if (nic.defroute === false) return false;
  if (nic.defroute === true) return true;
  return !nics.some((o) => o !== nic && o.gateway4 !== undefined && o.defroute !== false);
}

/** What a stack cannot do at all, whatever the file says (each use says why). */
export interface StackLimits {
  /** The stack hands no static DNS servers to anything. */
  noStaticDns?: boolean;
}

/** The expected state of every NIC of a case. */
export function expectedState(nics: readonly NicSpec[], facts: readonly LinkFacts[], limits: StackLimits = {}): ExpectedNic[] {
  return nics.map((nic, i) => {
    const link = facts[i]!;
    const addresses: ExpectedAddress[] = [
      ...nic.ipv4.map((a) => ({ family: 4 as const, prefix: a.prefix, address: a.address })),
      ...nic.ipv6.map((a) => ({ family: 6 as const, prefix: a.prefix, address: a.address })),
    ];
    const lease = nic.bootproto === 'dhcp' ? link.dhcp4 : undefined;
    if (lease) addresses.push({ family: 4, prefix: lease.prefix, within: `${lease.network}/${lease.prefix}` });
    const slaac = nic.ipv6.length === 0 ? link.ra : undefined;
    if (slaac) addresses.push({ family: 6, prefix: slaac.prefix, within: `${slaac.network}/${slaac.prefix}` });
    const gateway4 = nic.defroute === false ? undefined : nic.gateway4 ?? (lease && ownsDhcpDefault(nic, nics) ? lease.router : undefined);
    // defroute=no concerns the NIC's own gateways; router advertisements are the router's say.
    const gateway6 = nic.gateway6 !== undefined ? (nic.defroute === false ? undefined : nic.gateway6) : slaac?.router;
    return {
      name: nic.name,
      addresses,
      ...(gateway4 !== undefined && { gateway4 }),
      ...(gateway6 !== undefined && { gateway6 }),
      mtu: nic.mtu ?? 1500,
      dns: [...(limits.noStaticDns ? [] : nic.dns), ...(lease ? [lease.dns] : [])],
    };
  });
}
