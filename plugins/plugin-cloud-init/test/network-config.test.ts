// Exact goldens for network-config (version 2), and every refusal of a NIC list.

import test from 'ava';
import { UsageError, type ManifestNic } from '@rejviz/core';
import { renderNetworkConfig } from '../src/index.js';
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
  const out = renderNetworkConfig([nic({ addresses: ['2001:db8::5/64'], bootproto: 'none', gateway6: 'fe80::1' })]);
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

test('two NICs, in the given order', (t) => {
  t.is(renderNetworkConfig([NICS.dhcp, NICS.staticIpv4]), golden([
    'version: 2',
    'ethernets:',
    '  eth0:',
    '    match:',
    '      macaddress: "52:54:00:aa:00:02"',
    '    set-name: eth0',
    '    dhcp4: true',
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

test('bootproto none without addresses: the link only, no DHCP', (t) => {
  t.regex(renderNetworkConfig([nic({ bootproto: 'none' })]), /set-name: eth0\n {4}dhcp4: false\n$/);
});

test('no NICs: an empty version 2 config (so cloud-init does not fall back to DHCP)', (t) => {
  t.is(renderNetworkConfig([]), 'version: 2\nethernets: {}\n');
});

const refusals: [string, ManifestNic[], string][] = [
  ['bad name', [nic({ name: 'eth 0' })], `--manifest vm.json: NIC name 'eth 0' is not an interface name; use 1-15 of A-Z a-z 0-9 _ . - (not all digits)`],
  ['numeric name', [nic({ name: '123' })], `NIC name '123' is not an interface name`],
  ['bad MAC', [nic({ mac: '52-54-00-aa-00-01' })], `--manifest vm.json: NIC eth0: MAC '52-54-00-aa-00-01' is not xx:xx:xx:xx:xx:xx; give the guest NIC's MAC address`],
  ['bad bootproto', [nic({ bootproto: 'auto' as 'dhcp' })], `NIC eth0: bootproto 'auto' is not dhcp, static or none`],
  ['no prefix', [nic({ addresses: ['10.0.0.5'] })], `NIC eth0: address '10.0.0.5' is not ADDRESS/PREFIX (e.g. 10.0.0.5/24 or 2001:db8::5/64)`],
  ['leading zero', [nic({ addresses: ['10.0.0.05/24'] })], `address '10.0.0.05/24' is not ADDRESS/PREFIX`],
  ['prefix 33', [nic({ addresses: ['10.0.0.5/33'] })], `address '10.0.0.5/33' is not ADDRESS/PREFIX`],
  ['IPv6 zone', [nic({ bootproto: 'none', addresses: ['fe80::1%eth0/64'] })], `address 'fe80::1%eth0/64' is not ADDRESS/PREFIX`],
  ['dhcp with address', [nic({ bootproto: 'dhcp', addresses: ['10.0.0.5/24'] })], `NIC eth0: bootproto dhcp with the static address 10.0.0.5/24; use bootproto static or drop the address`],
  ['static without IPv4', [nic({ addresses: ['2001:db8::5/64'] })], `NIC eth0: bootproto static needs an IPv4 address; add one, or use bootproto none for IPv6 only`],
  ['IPv6 in gateway', [nic({ addresses: ['10.0.0.5/24'], gateway: '2001:db8::1' })], `NIC eth0: gateway '2001:db8::1' is not an IPv4 address; put IPv6 gateways in gateway6`],
  ['IPv4 in gateway6', [nic({ addresses: ['10.0.0.5/24'], gateway6: '10.0.0.1' })], `NIC eth0: gateway6 '10.0.0.1' is not an IPv6 address; put IPv4 gateways in gateway`],
  ['gateway without address', [nic({ bootproto: 'dhcp', gateway: '10.0.0.1' })], `NIC eth0: gateway 10.0.0.1 needs a static IPv4 address on this NIC; add one or drop the gateway`],
  ['gateway is own address', [nic({ addresses: ['10.0.0.5/24'], gateway: '10.0.0.5' })], `NIC eth0: gateway 10.0.0.5 is this NIC's own address; give the router's address`],
  ['DNS name', [nic({ addresses: ['10.0.0.5/24'], dns: ['dns.example.com'] })], `NIC eth0: DNS server 'dns.example.com' is not an IP address; give IPv4 or IPv6 literals`],
  ['small MTU with IPv6', [nic({ bootproto: 'none', addresses: ['2001:db8::5/64'], mtu: 1000 })], `NIC eth0: mtu 1000 is out of range; use 68-65535 (at least 1280 with IPv6)`],
  ['huge MTU', [nic({ addresses: ['10.0.0.5/24'], mtu: 70000 })], `mtu 70000 is out of range`],
  ['same name', [NICS.staticIpv4, nic({ name: 'eth1', mac: '52:54:00:aa:00:09', bootproto: 'dhcp' })], `--manifest vm.json: NICs eth1 and eth1 have the same name eth1; give each NIC its own name`],
  ['same MAC, any case', [NICS.staticIpv4, nic({ name: 'eth2', mac: '52:54:00:AA:00:01', bootproto: 'dhcp' })], `NICs eth1 and eth2 have the same MAC 52:54:00:aa:00:01; give each NIC its own MAC`],
  ['two IPv4 gateways', [NICS.staticIpv4, NICS.mtuDns].map((n, i) => ({ ...n, name: `eth${i}` })), `--manifest vm.json: NICs eth0 and eth1 all set an IPv4 default gateway; keep the gateway on one NIC only`],
];

for (const [title, nics, message] of refusals) {
  test(`refuses: ${title}`, (t) => {
    const error = t.throws(() => renderNetworkConfig(nics, '--manifest vm.json'), { instanceOf: UsageError });
    t.true(error?.message.includes(message), error?.message);
    t.false(error?.message.includes('\n'), 'one line');
  });
}

test('the default source in messages is --manifest', (t) => {
  t.throws(() => renderNetworkConfig([nic({ mac: 'x' })]), { message: /^--manifest: NIC eth0: MAC 'x'/ });
});
