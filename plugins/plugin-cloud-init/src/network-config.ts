// The NoCloud `network-config` file: cloud-init network config version 2 (the netplan schema),
// NETWORK-FORMATS §4 and §8. cloud-init hands it to netplan as is, or converts it for the distro's
// own renderer (ifupdown, sysconfig, NetworkManager, networkd).

import { yamlScalar as y } from '@rejviz/core';
import type { ManifestNic } from '@rejviz/core';
import { OPTIONS } from './option-names.js';
import { seedNics, type SeedGateway, type SeedNic } from './seed-nic.js';

function list(key: string, values: string[], indent: string): string[] {
  return values.length === 0 ? [] : [`${indent}${key}:`, ...values.map((v) => `${indent}  - ${y(v)}`)];
}

// `to: 0.0.0.0/0` rather than the deprecated gateway4/gateway6 (netplan 0.103), and rather than
// `to: default`, which older netplan releases and cloud-init converters do not know.
function defaultRoute(to: string, gateway: SeedGateway | undefined): string[] {
  if (gateway === undefined) return [];
  const route = [`      - to: ${y(to)}`, `        via: ${y(gateway.address)}`];
  return gateway.onLink ? [...route, '        on-link: true'] : route;
}

function ethernet(nic: SeedNic): string[] {
  const routes = [...defaultRoute('0.0.0.0/0', nic.gateway4), ...defaultRoute('::/0', nic.gateway6)];
  const staticIpv6 = nic.ipv6.length > 0;
  return [
    `  ${y(nic.name)}:`,
    '    match:',
    // Always quoted: an unquoted MAC of digits only is a YAML 1.1 sexagesimal integer.
    `      macaddress: ${JSON.stringify(nic.mac)}`,
    `    set-name: ${y(nic.name)}`,
    ...(nic.mtu === undefined ? [] : [`    mtu: ${nic.mtu}`]),
    // Written even when false: the file must say exactly what the NIC does, so nothing (netplan
    // defaults, cloud-init's converters) can add DHCP on a statically configured NIC.
    `    dhcp4: ${nic.dhcp4}`,
    // IPv6 without static addresses is automatic (router advertisements decide), so it is left to
    // the guest's defaults; a static IPv6 address means exactly that address: no DHCPv6, no SLAAC.
    // Unlike plugin-nic's netplan file, automatic IPv6 is not said with `dhcp6: true`: netplan's
    // NetworkManager renderer would need it (it writes ipv6.method=ignore, or manual without an
    // address when an IPv6 DNS server is given), but cloud-init converts the same key for the
    // guests it does not hand to netplan, and cloud-init 22.4 turns it into `inet6 dhcp` (a
    // DHCPv6 client that waits for a server) for ifupdown and into method=auto with may-fail=false
    // (no IPv6 router: the whole profile fails) for its NetworkManager renderer.
    ...(staticIpv6 ? ['    dhcp6: false', '    accept-ra: false'] : []),
    ...list('addresses', [...nic.ipv4, ...nic.ipv6], '    '),
    ...(routes.length === 0 ? [] : ['    routes:', ...routes]),
    ...(nic.dns.length === 0 ? [] : ['    nameservers:', ...list('addresses', nic.dns, '      ')]),
  ];
}

/**
 * Renders network-config (version 2) for the guest's NICs, each matched by its MAC and renamed
 * with set-name. With no NICs it is `version: 2` with empty `ethernets`: still a network config,
 * so cloud-init configures no interface and does not fall back to DHCP on the first NIC (which it
 * does when the seed has no network-config at all). `network: {config: disabled}` is not used: that
 * is a cloud.cfg / kernel command line setting, not a datasource's network config.
 */
export function renderNetworkConfig(nics: readonly ManifestNic[], source: string = OPTIONS.manifest): string {
  const seeds = seedNics(nics, source);
  if (seeds.length === 0) return 'version: 2\nethernets: {}\n';
  return `${['version: 2', 'ethernets:', ...seeds.flatMap(ethernet)].join('\n')}\n`;
}
