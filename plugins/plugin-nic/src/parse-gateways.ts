// Reads gateway/gateway6 for one --nic and checks each is a usable next hop: rows 20 and 21.

import { formatIpv4, ipv4Unusable, isNetworkOrBroadcast, networkOf, parseIpv4 } from './ipv4.js';
import { ipv6Unusable, isIpv6LinkLocal, parseIpv6 } from './ipv6.js';
import { inSubnet, intendedFamily, type IpFamily } from './ip-literal.js';
import { shown, type NicDiagnostics } from './nic-diagnostics.js';
import type { NicKey } from './nic-option.js';
import type { IpAddress } from './types.js';

interface GatewayContext {
  name: string;
  addresses: IpAddress[];
  onlink: boolean | undefined;
  diag: NicDiagnostics;
}

const cidr = (a: IpAddress) => `${a.address}/${a.prefix}`;

/** Why an IPv4 gateway cannot be a next hop on this NIC, or undefined (both sides already parsed, hence the casts). */
function ipv4NextHopProblem(gateway: string, addresses: IpAddress[]): string | undefined {
  const value = parseIpv4(gateway) as number;
  const unusable = ipv4Unusable(value);
  if (unusable) return `it ${unusable}`;
  for (const a of addresses) {
    const own = parseIpv4(a.address) as number;
    if (own === value) return "it is this NIC's own address";
    if (inSubnet(gateway, a) && isNetworkOrBroadcast(value, a.prefix)) {
      return `it is the network/broadcast address of ${formatIpv4(networkOf(own, a.prefix))}/${a.prefix}`;
    }
  }
  return undefined;
}

/** Why an IPv6 gateway cannot be a next hop on this NIC, or undefined. */
function ipv6NextHopProblem(gateway: string, addresses: IpAddress[]): string | undefined {
  const unusable = ipv6Unusable(gateway);
  if (unusable) return `it ${unusable}`;
  if (addresses.some((a) => a.address === gateway)) return "it is this NIC's own address";
  return undefined;
}

/** Strips a %zone, which only makes sense on a link-local gateway and must name this NIC. */
function withoutZone(text: string, key: NicKey, ctx: GatewayContext): string {
  const [bare = '', zone] = text.split('%', 2);
  if (zone === undefined) return bare;
  const address = parseIpv6(bare);
  if (address === undefined || !isIpv6LinkLocal(address) || zone !== ctx.name) {
    ctx.diag.fail(`${key} ${shown(text)}: a %zone is only allowed on a link-local gateway and must be this NIC's name; omit it`);
  }
  return bare;
}

/** Parses and checks one gateway of the given family. */
function parseGateway(text: string, key: NicKey, family: IpFamily, ctx: GatewayContext): string {
  const { addresses } = ctx;
  const diag: NicDiagnostics = ctx.diag;
  const bare = family === 6 ? withoutZone(text, key, ctx) : text;
  const gateway = family === 6 ? parseIpv6(bare) : parseIpv4(bare) === undefined ? undefined : bare;
  if (gateway === undefined) diag.fail(`invalid IPv${family} address ${shown(text)} in ${key}`);
  const first = addresses[0];
  if (first === undefined) {
    const add = family === 6 ? 'ip6addr=ADDR/NN' : 'ipaddr=A.B.C.D/NN';
    diag.fail(`${key} ${gateway} is not a valid next hop: this NIC has no static IPv${family} address (add ${add})`);
  }
  const problem = family === 6 ? ipv6NextHopProblem(gateway, addresses) : ipv4NextHopProblem(gateway, addresses);
  if (problem) diag.fail(`${key} ${gateway} is not a valid next hop for ${cidr(first)} (${problem})`);
  // A link-local IPv6 gateway is always on-link; anything else must sit inside an address' subnet
  // unless the address is a host route (/32, /128), for which on-link is implied.
  const onSubnet = (family === 6 && isIpv6LinkLocal(gateway)) || addresses.some((a) => inSubnet(gateway, a));
  const hostRoute = addresses.every((a) => a.prefix === (family === 6 ? 128 : 32));
  if (!onSubnet && hostRoute && ctx.onlink === false) {
    diag.fail(`${key} ${gateway} is outside ${cidr(first)} and can only be reached on-link; drop onlink=no`);
  }
  if (!onSubnet && !hostRoute && ctx.onlink !== true) {
    diag.fail(`${key} ${gateway} is not inside ${cidr(first)}; add onlink=yes or a matching prefix`);
  }
  return gateway;
}

/** Reads gateway (either family) and gateway6 (IPv6 only) into at most one gateway per family. */
export function parseGateways(
  items: ReadonlyMap<NicKey, string>,
  ipv4: IpAddress[],
  ipv6: IpAddress[],
  ctx: Omit<GatewayContext, 'addresses'>,
): { gateway4?: string; gateway6?: string } {
  const gateway = items.get('gateway');
  const gateway6 = items.get('gateway6');
  if (gateway6 !== undefined && intendedFamily(gateway6) === 4) {
    ctx.diag.fail(`gateway6 takes an IPv6 address, got ${shown(gateway6)}; give the IPv4 gateway as gateway=`);
  }
  const v6given = gateway !== undefined && intendedFamily(gateway) === 6;
  if (v6given && gateway6 !== undefined) {
    ctx.diag.fail(`gateway and gateway6 both give an IPv6 gateway; one per family: gateway=IPv4, gateway6=IPv6`);
  }
  const result: { gateway4?: string; gateway6?: string } = {};
  if (gateway !== undefined && !v6given) result.gateway4 = parseGateway(gateway, 'gateway', 4, { ...ctx, addresses: ipv4 });
  const six = v6given ? gateway : gateway6;
  if (six !== undefined) result.gateway6 = parseGateway(six, v6given ? 'gateway' : 'gateway6', 6, { ...ctx, addresses: ipv6 });
  if (ctx.onlink !== undefined && result.gateway4 === undefined && result.gateway6 === undefined) {
    ctx.diag.fail(`onlink=${ctx.onlink ? 'yes' : 'no'} has no effect without a gateway; drop it`);
  }
  return result;
}
