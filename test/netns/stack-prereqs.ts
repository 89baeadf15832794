// The tools each stack's sandbox needs (scripts/host-setup installs or unpacks all of them).
import type { Prereq } from '@rejviz/test-support';
import type { Stack } from './sandbox.js';

const CACHE = process.env.REJVIZ_NETNS_CACHE ?? '/var/cache/rejviz/netns';

/** Needed by every sandbox: root, namespaces, the router's dnsmasq. */
const COMMON: Prereq[] = [
  { check: () => process.getuid?.() === 0, what: 'root (namespaces, mounts)' },
  { tool: 'unshare' },
  { tool: 'ip' },
  { tool: 'dnsmasq' },
];
const NETWORKD: Prereq = { path: '/lib/systemd/systemd-networkd', what: 'systemd-networkd' };
const NM: Prereq[] = [{ tool: 'NetworkManager' }, { tool: 'nmcli' }, { tool: 'dbus-daemon' }];
const NETPLAN: Prereq = { path: '/usr/libexec/netplan/generate', what: "netplan's generator (netplan.io)" };
const DHCLIENT: Prereq = { path: '/usr/sbin/dhclient', what: 'dhclient (isc-dhcp-client)' };
const OPENRESOLV: Prereq = { path: `${CACHE}/openresolv/sbin/resolvconf`, what: 'openresolv unpacked by scripts/host-setup' };

const NEEDS: Record<Stack, Prereq[]> = {
  networkd: [NETWORKD],
  nm: NM,
  'netplan-networkd': [NETPLAN, NETWORKD],
  'netplan-nm': [NETPLAN, ...NM],
  ifupdown: [{ path: '/sbin/ifup', what: 'Debian ifupdown' }, DHCLIENT, OPENRESOLV],
  'ifupdown-ng': [{ path: `${CACHE}/ifupdown-ng/sbin/ifup`, what: 'ifupdown-ng unpacked by scripts/host-setup' }, DHCLIENT, OPENRESOLV],
  busybox: [{ tool: 'busybox' }, { path: '/sbin/udhcpc', what: 'udhcpc (BusyBox DHCP client and its script)' }, OPENRESOLV],
};

/** Everything the given stacks need, without duplicates. */
export function prereqsFor(stacks: Stack[]): Prereq[] {
  return [...new Set([...COMMON, ...stacks.flatMap((s) => NEEDS[s])])];
}
