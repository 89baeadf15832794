// parseNetworkd and parseNetworkdLink: systemd.network(5) and systemd.link(5) examples, netplan's
// generated files (PermanentMACAddress=), cloud-init's, and the systemd syntax rules.
import test from 'ava';
import { parseNetworkd, parseNetworkdLink } from '../src/guest-config/index.js';
import { addrs, nicConfig } from './guest-config-fixtures.js';

const network = (name: string, content: string) => parseNetworkd({ path: `/etc/systemd/network/${name}`, content });
const link = (name: string, content: string) => parseNetworkdLink({ path: `/etc/systemd/network/${name}`, content });

test('systemd.network(5) Example 1, static configuration', (t) => {
  t.deepEqual(network('50-static.network', '[Match]\nName=enp2s0\n\n[Network]\nAddress=192.168.0.15/24\nGateway=192.168.0.1\n'), [nicConfig({
    format: 'networkd', file: '/etc/systemd/network/50-static.network', name: 'enp2s0', bootproto: 'static', addresses: addrs('192.168.0.15/24'), gateway: '192.168.0.1',
  })]);
});

test('systemd.network(5) Example 2, DHCP on en*: a name pattern; Example 3, DHCP=ipv6 is no IPv4 DHCP', (t) => {
  t.like(network('80-dhcp.network', '[Match]\nName=en*\n\n[Network]\nDHCP=yes\n')[0], { name: 'en*', nameIsGlob: true, bootproto: 'dhcp', notes: [] });
  t.like(network('55-ipv6-pd-upstream.network', '[Match]\nName=enp1s0\n\n[Network]\nDHCP=ipv6\n')[0], { name: 'enp1s0', nameIsGlob: false, bootproto: 'none' });
});

test('netplan-generated file: PermanentMACAddress=, [Address] and [Route] sections, DNS with server names', (t) => {
  const [config] = parseNetworkd({ path: '/run/systemd/network/10-netplan-eth0.network', content: `[Match]
PermanentMACAddress=52:54:00:AA:00:09
Name=eth0

[Link]
MTUBytes=1K

[Network]
LinkLocalAddressing=ipv6
DNS=1.1.1.1#cloudflare-dns.com [2001:db8::53]:53%eth0

[Address]
Address=203.0.113.15/32

[Route]
Gateway=203.0.113.1
GatewayOnLink=yes

[Route]
Destination=10.0.0.0/8
Gateway=203.0.113.254
` });
  t.like(config, {
    mac: '52:54:00:aa:00:09', name: 'eth0', bootproto: 'static', addresses: addrs('203.0.113.15/32'), gateway: '203.0.113.1',
    dns: ['1.1.1.1', '2001:db8::53'], mtu: 1024, notes: [],
  });
});

test('several MACs and names in [Match]; an empty assignment resets the list', (t) => {
  const [config] = network('20-x.network', '[Match]\nMACAddress=52:54:00:00:00:09\nMACAddress=\nMACAddress=52:54:00:00:00:01 52:54:00:00:00:02\nName=eth0 eth1\n');
  t.like(config, { mac: '52:54:00:00:00:01', name: 'eth0 eth1', nameIsGlob: true });
  t.deepEqual(config?.notes, ['/etc/systemd/network/20-x.network: [Match] lists 2 MACs (52:54:00:00:00:01, 52:54:00:00:00:02); reporting the first']);
});

test('an empty file masks and configures nothing; a file without [Match] applies to every interface', (t) => {
  t.deepEqual(network('80-dhcp.network', ''), []);
  t.deepEqual(network('99-all.network', '[Network]\nDHCP=yes\n')[0]?.notes, ['/etc/systemd/network/99-all.network: no [Match] settings: systemd-networkd applies this file to every interface']);
});

test('systemd syntax: ; comments, continuation lines, bad values noted', (t) => {
  const [config] = network('30-y.network', `; a comment
[Match]
MACAddress=52:54:00:00:00:0g
Name=eth9

[Network]
DHCP=sometimes
Address=10.0.0.5/24 \\
Gateway=10.0.0.1
Gateway=nowhere
DNS=resolver
[Link]
MTUBytes=lots
`);
  t.deepEqual(config?.notes, [
    "/etc/systemd/network/30-y.network:3: '52:54:00:00:00:0g' is not a MAC address",
    "/etc/systemd/network/30-y.network:8: Address=: '10.0.0.5/24 Gateway=10.0.0.1' has an invalid prefix; left out",
    '/etc/systemd/network/30-y.network:10: Gateway=nowhere is not an IP address',
    "/etc/systemd/network/30-y.network:11: DNS=: 'resolver' is not an IP address",
    '/etc/systemd/network/30-y.network:13: MTUBytes=lots is not a size',
    '/etc/systemd/network/30-y.network:7: unknown DHCP=sometimes',
  ]);
  t.is(config?.bootproto, 'none');
});

test('systemd.link(5) examples: 10-dmz.link names a MAC; a Path match names without MAC; 99-default.link names nothing', (t) => {
  t.deepEqual(link('10-dmz.link', '[Match]\nMACAddress=00:a0:de:63:7a:e6\n\n[Link]\nName=dmz0\n'), [
    nicConfig({ format: 'networkd-link', file: '/etc/systemd/network/10-dmz.link', mac: '00:a0:de:63:7a:e6', name: 'dmz0' }),
  ]);
  t.like(link('10-internet.link', '[Match]\nPath=pci-0000:00:1a.0-*\n\n[Link]\nName=internet0\n')[0], { mac: null, name: 'internet0' });
  t.deepEqual(link('99-default.link', '[Link]\nNamePolicy=kernel database onboard slot path\nMACAddressPolicy=persistent\n'), []);
});
