// Routing decisions shared by all renderers, so every format installs the same default routes.

import { inSubnet, isLinkLocal, type IpFamily, type NicConfig } from '@rejviz/core/nic';

/** The gateway this NIC installs as its default route for `family`, if any (none with defroute=no). */
export function defaultGateway(nic: NicConfig, family: IpFamily): string | undefined {
  return nic.defroute === false ? undefined : family === 4 ? nic.gateway4 : nic.gateway6;
}

/** Whether the default gateway of `family` must be declared directly reachable (on-link). */
export function gatewayOnLink(nic: NicConfig, family: IpFamily): boolean {
  const gateway = defaultGateway(nic, family);
  if (gateway === undefined) return false;
  if (nic.onlink === true) return true;
  if (family === 6 && isLinkLocal(gateway)) return false;
  // Validation only lets an off-subnet gateway through for /32, /128 or with onlink=yes.
  return !(family === 4 ? nic.ipv4 : nic.ipv6).some((a) => inSubnet(gateway, a));
}

/**
 * Whether a DHCP NIC should install the default route its DHCPv4 server offers. Not with
 * defroute=no, and by default not when another NIC has a static IPv4 gateway: the explicit
 * gateway wins instead of competing with the DHCP one (docs/network-formats.md#default-routes).
 */
export function takesDhcpDefaultRoute(nic: NicConfig, nics: readonly NicConfig[]): boolean {
  if (nic.bootproto !== 'dhcp' || nic.defroute === false) return false;
  return nic.defroute === true || !nics.some((other) => other !== nic && defaultGateway(other, 4) !== undefined);
}
