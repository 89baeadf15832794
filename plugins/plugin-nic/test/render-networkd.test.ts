// Golden tests for render-networkd.ts: exact files for every NIC shape in nic-fixtures.ts.

import test from 'ava';
import { renderNetworkd } from '../src/index.js';
import { goldenOf, type Golden } from './golden.js';
import { CASES, DHCP_BESIDE_STATIC, nicsOf, planned, type CaseName } from './nic-fixtures.js';

const GOLDEN: Record<CaseName | 'dhcpBesideStatic', Golden[]> = {
  staticIpv4: [
    ['/etc/systemd/network/10-rejviz-eth1.network', 0o644, `[Match]
MACAddress=52:54:00:aa:00:01

[Network]
DHCP=no
Address=192.168.122.15/24
Gateway=192.168.122.1
`],
  ],
  dhcp: [
    ['/etc/systemd/network/10-rejviz-eth0.network', 0o644, `[Match]
MACAddress=52:54:00:aa:00:02

[Network]
DHCP=ipv4
`],
  ],
  staticIpv6: [
    ['/etc/systemd/network/10-rejviz-eth1.network', 0o644, `[Match]
MACAddress=52:54:00:aa:00:03

[Network]
DHCP=no
Address=2001:db8:1::15/64
Gateway=2001:db8:1::1
IPv6AcceptRA=no
`],
  ],
  dualStack: [
    ['/etc/systemd/network/10-rejviz-eth1.network', 0o644, `[Match]
MACAddress=52:54:00:aa:00:04

[Network]
DHCP=no
Address=10.0.0.5/24
Address=2001:db8::5/64
Gateway=10.0.0.1
Gateway=2001:db8::1
IPv6AcceptRA=no
`],
  ],
  hostRoute: [
    ['/etc/systemd/network/10-rejviz-eth1.network', 0o644, `[Match]
MACAddress=52:54:00:aa:00:05

[Network]
DHCP=no
Address=203.0.113.15/32

[Route]
Gateway=203.0.113.1
GatewayOnLink=yes
`],
  ],
  onlink: [
    ['/etc/systemd/network/10-rejviz-eth1.network', 0o644, `[Match]
MACAddress=52:54:00:aa:00:06

[Network]
DHCP=no
Address=192.168.1.5/24

[Route]
Gateway=10.9.9.1
GatewayOnLink=yes
`],
  ],
  mtuDns: [
    ['/etc/systemd/network/10-rejviz-eth1.network', 0o644, `[Match]
MACAddress=52:54:00:aa:00:07

[Link]
MTUBytes=9000

[Network]
DHCP=no
Address=172.16.0.10/16
Gateway=172.16.0.1
DNS=172.16.0.2
DNS=2001:db8::53
`],
  ],
  dhcpBesideStatic: [
    ['/etc/systemd/network/10-rejviz-eth0.network', 0o644, `[Match]
MACAddress=52:54:00:aa:00:02

[Network]
DHCP=ipv4

[DHCPv4]
UseRoutes=no
`],
    ['/etc/systemd/network/10-rejviz-eth1.network', 0o644, `[Match]
MACAddress=52:54:00:aa:00:01

[Network]
DHCP=no
Address=192.168.122.15/24
Gateway=192.168.122.1
`],
  ],
};

for (const name of Object.keys(CASES) as CaseName[]) {
  test(`${name}`, (t) => t.deepEqual(goldenOf(t, renderNetworkd(nicsOf(name))), GOLDEN[name]));
}

test('a DHCP NIC beside a static gateway NIC does not take the DHCP default route', (t) => {
  t.deepEqual(goldenOf(t, renderNetworkd(DHCP_BESIDE_STATIC)), GOLDEN.dhcpBesideStatic);
});

test('a name outside eth<N> also gets a .link file that renames the NIC by MAC', (t) => {
  const files = goldenOf(t, renderNetworkd(planned('name=lan0,hwaddr=52:54:00:aa:00:50')));
  t.deepEqual(files[1], ['/etc/systemd/network/10-rejviz-lan0.link', 0o644, '[Match]\nMACAddress=52:54:00:aa:00:50\n\n[Link]\nName=lan0\n']);
  t.is(files.length, 2);
});

test('defroute=no on a DHCP NIC refuses the DHCPv4 routes', (t) => {
  const content = goldenOf(t, renderNetworkd(planned('name=eth0,hwaddr=52:54:00:aa:00:51,defroute=no')))[0]?.[2];
  t.true(content?.endsWith('[Network]\nDHCP=ipv4\n\n[DHCPv4]\nUseRoutes=no\n'), content);
});
