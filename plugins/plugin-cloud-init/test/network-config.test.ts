// Exact goldens for network-config (version 2), and every refusal of a NIC list.

import test from 'ava';
import { UsageError, type ManifestNic } from '@rejviz/core';
import { renderNetworkConfig } from '../src/index.js';
import { cidrs as A } from '@rejviz/test-support';
import { NICS, nic } from './fixtures.js';

const golden = (lines: string[]) => `${lines.join('\n')}\n`;

test('static IPv4 with a gateway in its subnet', (t) => {
  t.is(renderNetworkConfig([NICS.staticIpv4]), golden([
    'version: 2',
    'ethernets:',
    '  eth1:',
    '    match:',
    '      macaddress: "52:54:00:aa:00:01"',
    '    set-name: eth1',
    '    dhcp4: false',
    '    addresses:',
    '      - 192.168.122.15/24',
    '    routes:',
    '      - to: 0.0.0.0/0',
    '        via: 192.168.122.1',
  ]));
});

test('DHCP: dhcp4 true, the MAC lowercased, IPv6 left automatic', (t) => {
  t.is(renderNetworkConfig([NICS.dhcp]), golden([
    'version: 2',
    'ethernets:',
    '  eth0:',
    '    match:',
    '      macaddress: "52:54:00:aa:00:02"',
    '    set-name: eth0',
    '    dhcp4: true',
  ]));
});

test('/32: the gateway is outside the subnet, so on-link', (t) => {
  t.is(renderNetworkConfig([NICS.hostRoute]), golden([
    'version: 2',
    'ethernets:',
    '  eth1:',
    '    match:',
    '      macaddress: "52:54:00:aa:00:05"',
    '    set-name: eth1',
    '    dhcp4: false',
    '    addresses:',
    '      - 203.0.113.15/32',
    '    routes:',
    '      - to: 0.0.0.0/0',
    '        via: 203.0.113.1',
    '        on-link: true',
  ]));
});

test('a /24 with a gateway outside it is on-link too', (t) => {
  t.regex(renderNetworkConfig([NICS.offSubnet]), /\n {8}via: 10\.9\.9\.1\n {8}on-link: true\n$/);
});

test('dual stack: both default routes, no DHCPv6 or router advertisements', (t) => {
  t.is(renderNetworkConfig([NICS.dualStack]), golden([
    'version: 2',
    'ethernets:',
    '  eth1:',
    '    match:',
    '      macaddress: "52:54:00:aa:00:04"',
    '    set-name: eth1',
    '    dhcp4: false',
    '    dhcp6: false',
    '    accept-ra: false',
    '    addresses:',
    '      - 10.0.0.5/24',
    '      - "2001:db8::5/64"',
    '    routes:',
    '      - to: 0.0.0.0/0',
    '        via: 10.0.0.1',
    '      - to: "::/0"',
    '        via: "2001:db8::1"',
  ]));
});

test('IPv6 only (bootproto none) on a /128: on-link IPv6 gateway', (t) => {
  t.is(renderNetworkConfig([NICS.ipv6Only]), golden([
    'version: 2',
    'ethernets:',
    '  eth2:',
    '    match:',
    '      macaddress: "52:54:00:aa:00:03"',
    '    set-name: eth2',
    '    dhcp4: false',
    '    dhcp6: false',
    '    accept-ra: false',
    '    addresses:',
    '      - "2001:db8:1::15/128"',
    '    routes:',
    '      - to: "::/0"',
    '        via: "2001:db8:1::1"',
    '        on-link: true',
  ]));
});

test('a link-local IPv6 gateway is not marked on-link', (t) => {
  const out = renderNetworkConfig([nic({ addresses: A('2001:db8::5/64'), bootproto: 'none', gateway6: 'fe80::1' })]);
  t.true(out.endsWith('        via: "fe80::1"\n'));
});

test('MTU and DNS servers of both families', (t) => {
  t.is(renderNetworkConfig([NICS.mtuDns]), golden([
    'version: 2',
    'ethernets:',
    '  eth1:',
    '    match:',
    '      macaddress: "52:54:00:aa:00:07"',
    '    set-name: eth1',
    '    mtu: 9000',
    '    dhcp4: false',
    '    addresses:',
    '      - 172.16.0.10/16',
    '    routes:',
    '      - to: 0.0.0.0/0',
    '        via: 172.16.0.1',
    '    nameservers:',
    '      addresses:',
    '        - 172.16.0.2',
    '        - "2001:db8::53"',
  ]));
});

test('two NICs, in the given order; the DHCP NIC yields the default route to the static gateway', (t) => {
  t.is(renderNetworkConfig([NICS.dhcp, NICS.staticIpv4]), golden([
    'version: 2',
    'ethernets:',
    '  eth0:',
    '    match:',
    '      macaddress: "52:54:00:aa:00:02"',
    '    set-name: eth0',
    '    dhcp4: true',
    '    dhcp4-overrides:',
    '      use-routes: false',
    '  eth1:',
    '    match:',
    '      macaddress: "52:54:00:aa:00:01"',
    '    set-name: eth1',
    '    dhcp4: false',
    '    addresses:',
    '      - 192.168.122.15/24',
    '    routes:',
    '      - to: 0.0.0.0/0',
    '        via: 192.168.122.1',
  ]));
});

test('defroute false: the gateway is no default route, and a DHCP NIC refuses the leased routes', (t) => {
  const out = renderNetworkConfig([{ ...NICS.staticIpv4, defroute: false }, { ...NICS.dhcp, defroute: false }]);
  t.false(out.includes('routes:\n'), out);
  t.regex(out, /set-name: eth0\n {4}dhcp4: true\n {4}dhcp4-overrides:\n {6}use-routes: false\n$/);
});

test('onlink true marks even a gateway inside the subnet on-link, as --nic onlink=yes does', (t) => {
  t.regex(renderNetworkConfig([{ ...NICS.staticIpv4, onlink: true }]), /\n {8}via: 192\.168\.122\.1\n {8}on-link: true\n$/);
});

test('bootproto none without addresses: the link only, no DHCP', (t) => {
  t.regex(renderNetworkConfig([nic({ bootproto: 'none' })]), /set-name: eth0\n {4}dhcp4: false\n$/);
});

test('no NICs: an empty version 2 config (so cloud-init does not fall back to DHCP)', (t) => {
  t.is(renderNetworkConfig([]), 'version: 2\nethernets: {}\n');
});

// The NIC rules are core's (@rejviz/core/nic, the same as --nic's); these rows show that the seed
// applies them to the image's NICs, whatever their source, naming each value by its JSON path.
const refusals: [string, ManifestNic[], string][] = [
  ['bad name', [nic({ name: 'eth 0' })], `--manifest vm.json: nics[0].name: invalid interface name 'eth 0': must be 1-15 chars of [A-Za-z0-9_.-], not all digits`],
  ['numeric name', [nic({ name: '123' })], `nics[0].name: invalid interface name '123'`],
  ['bad MAC', [nic({ mac: '52:54:00:aa:00' })], `--manifest vm.json: invalid MAC '52:54:00:aa:00' in nics[0].mac (expected xx:xx:xx:xx:xx:xx)`],
  ['multicast MAC', [nic({ mac: '01:00:5e:00:00:01', addresses: A('10.0.0.5/24') })], `nics[0].mac 01:00:5e:00:00:01 is a multicast/broadcast address`],
  ['bad bootproto', [nic({ bootproto: 'auto' as 'dhcp' })], `nics[0].bootproto "auto" is not one of dhcp, static, none`],
  ['leading zero', [nic({ addresses: A('10.0.0.05/24') })], `invalid IPv4 address '10.0.0.05' in nics[0].addresses[0]`],
  ['prefix 33', [nic({ addresses: A('10.0.0.5/33') })], `nics[0].addresses[0].prefix 33 is out of range for 10.0.0.5: prefix must be 1-32 (IPv4) / 1-128 (IPv6)`],
  ['IPv6 zone', [nic({ bootproto: 'none', addresses: A('fe80::1%eth0/64') })], `invalid IPv6 address 'fe80::1%eth0' in nics[0].addresses[0]`],
  ['dhcp with address', [nic({ bootproto: 'dhcp', addresses: A('10.0.0.5/24') })], `nics[0].bootproto "dhcp" cannot be combined with nics[0].addresses[0] (the DHCP server provides the IPv4 settings)`],
  ['static without IPv4', [nic({ addresses: A('2001:db8::5/64') })], `nics[0].bootproto "static" requires an IPv4 address in nics[0].addresses`],
  ['IPv6 in gateway', [nic({ addresses: A('10.0.0.5/24'), gateway: '2001:db8::1' })], `nics[0].gateway '2001:db8::1' is not an IPv4 address; put IPv6 gateways in nics[0].gateway6`],
  ['IPv4 in gateway6', [nic({ addresses: A('10.0.0.5/24'), gateway6: '10.0.0.1' })], `nics[0].gateway6 '10.0.0.1' is not an IPv6 address; put IPv4 gateways in nics[0].gateway`],
  ['gateway without address', [nic({ bootproto: 'none', gateway: '10.0.0.1' })], `nics[0].bootproto "none" cannot be combined with nics[0].gateway`],
  ['gateway is own address', [nic({ addresses: A('10.0.0.5/24'), gateway: '10.0.0.5' })], `nics[0].gateway 10.0.0.5 is not a valid next hop for 10.0.0.5/24 (it is this NIC's own address)`],
  ['DNS name', [nic({ addresses: A('10.0.0.5/24'), dns: ['dns.example.com'] })], `nics[0].dns[0] must be an IP address, got 'dns.example.com'`],
  ['small MTU with IPv6', [nic({ bootproto: 'none', addresses: A('2001:db8::5/64'), mtu: 1000 })], `nics[0].mtu 1000 out of range: IPv6 needs at least 1280`],
  ['huge MTU', [nic({ addresses: A('10.0.0.5/24'), mtu: 70000 })], `nics[0].mtu '70000' out of range: use 68-65535`],
  ['same name', [NICS.staticIpv4, nic({ name: 'eth1', mac: '52:54:00:aa:00:09', bootproto: 'dhcp' })], `--manifest vm.json: duplicate NIC name 'eth1': nics[0] and nics[1] both name it; give each NIC its own name`],
  ['same MAC, any case', [NICS.staticIpv4, nic({ name: 'eth2', mac: '52:54:00:AA:00:01', bootproto: 'dhcp' })], `nics[1].mac 52:54:00:aa:00:01 used by eth1 and eth2; give each NIC its own MAC`],
  ['two IPv4 gateways', [NICS.staticIpv4, NICS.mtuDns].map((n, i) => ({ ...n, name: `eth${i}` })), `--manifest vm.json: nics[0] (eth0) and nics[1] (eth1) both set an IPv4 default gateway; keep a gateway on one NIC only`],
];

for (const [title, nics, message] of refusals) {
  test(`refuses: ${title}`, (t) => {
    const error = t.throws(() => renderNetworkConfig(nics, '--manifest vm.json'), { instanceOf: UsageError });
    t.true(error?.message.includes(message), error?.message);
    t.false(error?.message.includes('\n'), 'one line');
  });
}

test('the default source in messages is --manifest', (t) => {
  t.throws(() => renderNetworkConfig([nic({ mac: 'x' })]), { message: /^--manifest: invalid MAC 'x' in nics\[0\]\.mac/ });
});
