// Renders Debian ifupdown `interfaces` stanzas in the form BusyBox and ifupdown-ng also accept:
// docs/network-formats.md#ifupdown-eni.

import { UsageError } from '@rejviz/core';
import { rootFile } from './guest-file.js';
import { prefixToNetmask, type IpFamily } from '@rejviz/core/nic';
import { defaultGateway, gatewayOnLink, takesDhcpDefaultRoute } from './routing.js';
import type { GuestFile, NicSpec } from './types.js';

/** interfaces.d: one file per NIC (Debian); interfaces: one complete file (BusyBox has no source glob). */
export type EniLayout = 'interfaces.d' | 'interfaces';

const HEADER = '# Written by rejviz from --nic options.';
const DHCP_YIELD_METRIC = 1024;

function option(key: string, value: string | number | undefined): string[] {
  return value === undefined ? [] : [`    ${key} ${value}`];
}

// Address plus dotted netmask rather than address/NN: BusyBox computes the prefix only from
// `netmask`. No `hwaddress` either: in ifupdown it *sets* the MAC instead of matching it.
function inetStanza(nic: NicSpec, nics: readonly NicSpec[]): string[] {
  if (nic.bootproto === 'dhcp') {
    // ifupdown cannot refuse the DHCP default route; when another NIC has the static gateway, a
    // high metric (networkd's DHCP default) keeps the DHCP one from clashing with it (dhclient only).
    const yields = !takesDhcpDefaultRoute(nic, nics);
    return [`iface ${nic.name} inet dhcp`, ...option('metric', yields ? DHCP_YIELD_METRIC : undefined)];
  }
  const [a] = nic.ipv4;
  if (a === undefined) return nic.ipv6.length > 0 ? [] : [`iface ${nic.name} inet manual`];
  return [
    `iface ${nic.name} inet static`,
    ...option('address', a.address),
    ...option('netmask', prefixToNetmask(a.prefix)),
    ...gatewayLines(nic, 4),
    ...option('mtu', nic.mtu),
  ];
}

/**
 * The default route of one family. `gateway` where the gateway is inside the subnet; an on-link
 * gateway (/32, /128, onlink=yes) gets its route from an `up` command instead, because only
 * Debian's ifupdown adds `onlink` to the route it makes of `gateway`: BusyBox ifup and
 * ifupdown-ng's static executor (upstream; Alpine patches it in) run `ip route add default via
 * GW dev IF`, which the kernel refuses ("Nexthop has invalid gateway"); ifup then fails and
 * never reaches the dns-nameservers hook (netns tier). `up` runs after the address is set, in
 * all three, and `ip ... onlink` is understood by iproute2 and BusyBox's ip alike.
 */
function gatewayLines(nic: NicSpec, family: IpFamily): string[] {
  const gateway = defaultGateway(nic, family);
  if (gateway === undefined) return [];
  if (!gatewayOnLink(nic, family)) return option('gateway', gateway);
  return [`    up ip${family === 6 ? ' -6' : ''} route add default via ${gateway} dev ${nic.name} onlink`];
}

// No stanza for automatic IPv6: BusyBox knows no `inet6 auto`, and the kernel does SLAAC anyway.
function inet6Stanza(nic: NicSpec): string[] {
  const [a] = nic.ipv6;
  if (a === undefined) return [];
  return [`iface ${nic.name} inet6 static`, ...option('address', a.address), ...option('netmask', a.prefix), ...gatewayLines(nic, 6)];
}

function nicStanzas(nic: NicSpec, nics: readonly NicSpec[]): string {
  if (nic.ipv4.length > 1 || nic.ipv6.length > 1) {
    throw new UsageError(`--nic ${nic.name}: --nic-format eni writes one address per family; drop the others`);
  }
  if (nic.bootproto === 'dhcp' && nic.defroute === false) {
    throw new UsageError(`--nic ${nic.name}: ifupdown cannot refuse the DHCP default route; drop defroute=no or choose another --nic-format`);
  }
  const stanzas = [inetStanza(nic, nics), inet6Stanza(nic)].filter((s) => s.length > 0);
  const first = stanzas[0] ?? [];
  // Only `inet static` takes `mtu`; `inet6 static` would set just the IPv6 MTU, dhcp none at all.
  if (nic.mtu !== undefined && nic.ipv4.length === 0) first.push(`    pre-up ip link set dev ${nic.name} mtu ${nic.mtu}`);
  if (nic.dns.length > 0) first.push(`    dns-nameservers ${nic.dns.join(' ')}`);
  const body = stanzas.map((s) => s.join('\n')).join('\n\n');
  return `# ${nic.name}: hwaddr ${nic.mac} (ifupdown matches by name only)\nauto ${nic.name}\n${body}`;
}

// source-directory only reads names matching ^[a-zA-Z0-9_-]+$, so a dot in an interface name
// (eth0.100) becomes '_'; a clash with a NIC really named that way is reported, not overwritten.
function interfacesDFiles(nics: readonly NicSpec[]): GuestFile[] {
  const byPath = new Map<string, string>();
  return nics.map((nic) => {
    const path = `/etc/network/interfaces.d/60-rejviz-${nic.name.replace(/\./g, '_')}`;
    const other = byPath.get(path);
    if (other !== undefined) throw new UsageError(`--nic ${other} and --nic ${nic.name} would share ${path}; rename one`);
    byPath.set(path, nic.name);
    return rootFile(path, 0o644, `${HEADER}\n${nicStanzas(nic, nics)}\n`);
  });
}

/** ifupdown config: a file per NIC in /etc/network/interfaces.d, or one whole /etc/network/interfaces. */
export function renderEni(nics: readonly NicSpec[], layout: EniLayout = 'interfaces.d'): GuestFile[] {
  if (layout === 'interfaces.d') return interfacesDFiles(nics);
  const parts = [`${HEADER}\nauto lo\niface lo inet loopback`, ...nics.map((nic) => nicStanzas(nic, nics))];
  return [rootFile('/etc/network/interfaces', 0o644, `${parts.join('\n\n')}\n`)];
}
