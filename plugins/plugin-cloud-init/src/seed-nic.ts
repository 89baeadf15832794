// Checks one manifest NIC and turns it into what network-config needs. Manifests are validated
// by their JSON Schema, but by shape only; this checks meaning (addresses, next hops, MTU).

import { UsageError, type ManifestNic } from '@rejviz/core';
import { inSubnet, isIpv6LinkLocal, parseCidr, parseIp, type Cidr, type IpFamily } from './ip-literal.js';
import { shown } from './shown.js';

/** A default gateway and whether it must be declared directly reachable (on-link). */
export interface SeedGateway {
  address: string;
  onLink: boolean;
}

/** A checked NIC, ready to render. */
export interface SeedNic {
  name: string;
  /** Lowercase xx:xx:xx:xx:xx:xx. */
  mac: string;
  dhcp4: boolean;
  ipv4: Cidr[];
  ipv6: Cidr[];
  gateway4?: SeedGateway;
  gateway6?: SeedGateway;
  dns: string[];
  mtu?: number;
}

const IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;
const MAC = /^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}$/;

function checkGateway(text: string | null, key: 'gateway' | 'gateway6', own: Cidr[], fail: (m: string) => never): SeedGateway | undefined {
  if (text === null) return undefined;
  const family: IpFamily = key === 'gateway' ? 4 : 6;
  const ip = parseIp(text);
  if (ip?.family !== family) {
    fail(`${key} ${shown(text)} is not an IPv${family} address; ${family === 4 ? 'put IPv6 gateways in gateway6' : 'put IPv4 gateways in gateway'}`);
  }
  if (own.length === 0) fail(`${key} ${text} needs a static IPv${family} address on this NIC; add one or drop the gateway`);
  if (own.some((a) => a.value === ip.value)) fail(`${key} ${text} is this NIC's own address; give the router's address`);
  // Outside every subnet (always so for /32 and /128): reachable only when declared on-link.
  // A link-local IPv6 router is on the link by definition.
  const onLink = !isIpv6LinkLocal(ip) && !own.some((a) => inSubnet(ip, a));
  return { address: text, onLink };
}

/** Checks one NIC; `source` names where the NICs came from (e.g. `--manifest vm.json`). */
export function seedNic(nic: ManifestNic, source: string): SeedNic {
  const name = String(nic.name);
  if (!IFNAME.test(name) || /^[0-9]+$/.test(name) || name === '.' || name === '..') {
    throw new UsageError(`${source}: NIC name ${shown(name)} is not an interface name; use 1-15 of A-Z a-z 0-9 _ . - (not all digits)`);
  }
  const fail = (message: string): never => {
    throw new UsageError(`${source}: NIC ${name}: ${message}`);
  };
  if (!MAC.test(String(nic.mac))) fail(`MAC ${shown(String(nic.mac))} is not xx:xx:xx:xx:xx:xx; give the guest NIC's MAC address`);
  if (!['dhcp', 'static', 'none'].includes(nic.bootproto)) fail(`bootproto ${shown(String(nic.bootproto))} is not dhcp, static or none`);
  const addresses = nic.addresses.map((text) => parseCidr(text) ?? fail(`address ${shown(text)} is not ADDRESS/PREFIX (e.g. 10.0.0.5/24 or 2001:db8::5/64)`));
  const ipv4 = addresses.filter((a) => a.family === 4);
  const ipv6 = addresses.filter((a) => a.family === 6);
  // bootproto describes IPv4 only (as in plugin-nic): IPv6 is static exactly when an IPv6 address is given.
  if (nic.bootproto === 'dhcp' && ipv4.length > 0) fail(`bootproto dhcp with the static address ${ipv4[0]?.text}; use bootproto static or drop the address`);
  if (nic.bootproto === 'static' && ipv4.length === 0) fail('bootproto static needs an IPv4 address; add one, or use bootproto none for IPv6 only');
  for (const server of nic.dns) {
    if (parseIp(server) === undefined) fail(`DNS server ${shown(server)} is not an IP address; give IPv4 or IPv6 literals`);
  }
  const mtu = nic.mtu ?? undefined;
  if (mtu !== undefined && (!Number.isInteger(mtu) || mtu < (ipv6.length > 0 ? 1280 : 68) || mtu > 65535)) {
    fail(`mtu ${mtu} is out of range; use 68-65535 (at least 1280 with IPv6)`);
  }
  const gateway4 = checkGateway(nic.gateway, 'gateway', ipv4, fail);
  const gateway6 = checkGateway(nic.gateway6, 'gateway6', ipv6, fail);
  return {
    name,
    mac: String(nic.mac).toLowerCase(),
    dhcp4: nic.bootproto === 'dhcp',
    ipv4,
    ipv6,
    ...(gateway4 && { gateway4 }),
    ...(gateway6 && { gateway6 }),
    dns: [...nic.dns],
    ...(mtu !== undefined && { mtu }),
  };
}
