// parseIfcfg: RHEL-family and SUSE ifcfg files, from the keys
// docs/network-formats.md#ifcfg-rhel-family lists, the original rejviz template, cloud-init output
// and hand-made edge cases.
import test from 'ava';
import { parseIfcfg } from '../src/guest-config/index.js';
import { addrs, nicConfig } from './guest-config-fixtures.js';

const RH = '/etc/sysconfig/network-scripts';
const ifcfg = (name: string, content: string) => parseIfcfg({ path: `${RH}/ifcfg-${name}`, content });
const at = (name: string, line: number | null, msg: string) => `${RH}/ifcfg-${name}${line === null ? '' : `:${line}`}: ${msg}`;

test('a complete static ifcfg file (DEVICE, HWADDR, PREFIX, DEFROUTE)', (t) => {
  t.deepEqual(ifcfg('eth2', `DEVICE=eth2
NAME=eth2
TYPE=Ethernet
ONBOOT=yes
BOOTPROTO=none
HWADDR=52:54:00:12:34:56
IPADDR=10.0.0.5
PREFIX=24
GATEWAY=10.0.0.1
DEFROUTE=yes
IPV6INIT=no
`), [nicConfig({
    format: 'ifcfg', file: `${RH}/ifcfg-eth2`, name: 'eth2', mac: '52:54:00:12:34:56', bootproto: 'static',
    addresses: addrs('10.0.0.5/24'), gateway: '10.0.0.1',
  })]);
});

test('the original rejviz template: no DEVICE, NETMASK instead of PREFIX, empty lines, no final newline', (t) => {
  const [config] = ifcfg('eth1', `HWADDR=52:54:00:9F:3B:01
TYPE=Ethernet
BOOTPROTO=static
DEFROUTE=yes
PEERDNS=yes
PEERROUTES=yes
IPADDR=192.168.122.15
NETWORK=192.168.122.0
NETMASK=255.255.255.0
BROADCAST=192.168.122.255

DNS1=192.168.122.1

IPV4_FAILURE_FATAL=no
IPV6INIT=yes
IPV6_AUTOCONF=yes
IPV6_DEFROUTE=yes
IPV6_PEERDNS=yes
IPV6_PEERROUTES=yes
IPV6_FAILURE_FATAL=no
NAME=eth1
ONBOOT=yes`);
  t.deepEqual(config, nicConfig({
    format: 'ifcfg', file: `${RH}/ifcfg-eth1`, mac: '52:54:00:9f:3b:01', bootproto: 'static',
    addresses: addrs('192.168.122.15/24'), dns: ['192.168.122.1'],
  }));
});

test('cloud-init output: quoted-free keys, MTU, and a comment header', (t) => {
  const [config] = ifcfg('eth0', `# Created by cloud-init on instance boot automatically, do not edit.
#
BOOTPROTO=none
DEVICE=eth0
HWADDR=36:ee:40:2a:6d:56
MTU=1500
ONBOOT=yes
TYPE=Ethernet
USERCTL=no
`);
  t.like(config, { name: 'eth0', mac: '36:ee:40:2a:6d:56', bootproto: 'none', mtu: 1500, addresses: [], notes: [] });
});

test('an alias file (ifcfg-eth0:1) is not a NIC of its own', (t) => {
  const configs = parseIfcfg({ path: `${RH}/ifcfg-eth0:1`, content: 'BOOTPROTO=static\nDEVICE=eth0:1\nHWADDR=36:ee:40:2a:6d:56\nIPADDR=45.55.59.193\nNETMASK=255.255.224.0\n' });
  t.deepEqual(configs.map((c) => c.notes), [[`${RH}/ifcfg-eth0:1: alias eth0:1 adds addresses to eth0; not read as a NIC of its own`]]);
  t.like(configs[0], { mac: null, name: null, bootproto: null });
});

test('no PREFIX or NETMASK: the address stays bare and a note says so (NM would assume a classful /8)', (t) => {
  const [config] = ifcfg('eth0', 'DEVICE=eth0\nBOOTPROTO=none\nIPADDR=10.0.0.5\n');
  t.deepEqual(config?.addresses, addrs('10.0.0.5'));
  t.deepEqual(config?.notes, [at('eth0', 3, 'IPADDR: 10.0.0.5 has no prefix or netmask; the prefix is not given')]);
});

test('IPADDR numbering stops at the first gap from IPADDR2 on; PREFIX beats NETMASK', (t) => {
  const [config] = ifcfg('eth0', `DEVICE=eth0
IPADDR=10.0.0.5
PREFIX=24
IPADDR1=10.0.1.5
NETMASK1=255.255.0.0
IPADDR2=10.0.2.5
PREFIX2=24
NETMASK2=255.255.0.0
IPADDR4=10.0.4.5
PREFIX4=24
`);
  t.deepEqual(config?.addresses, addrs('10.0.0.5/24', '10.0.1.5/16', '10.0.2.5/24'));
  t.deepEqual(config?.notes, [at('eth0', 6, 'IPADDR2: prefix /24 and netmask 255.255.0.0 of 10.0.2.5 disagree; using /24')]);
  t.is(config?.bootproto, 'static');
});

test('IPv6: IPV6ADDR without prefix is /64, secondaries, a link-local gateway loses its %zone, case is normalized', (t) => {
  const [config] = ifcfg('eth0', `DEVICE=eth0
IPV6INIT=yes
IPV6ADDR=2604:A880:0800:00A1:0000:0000:0FC5:1001
IPV6ADDR_SECONDARIES="2001:db8::6/64 2001:db8::7/80"
IPV6_DEFAULTGW=fe80::1%eth0
`);
  t.deepEqual(config?.addresses, addrs('2604:a880:800:a1::fc5:1001/64', '2001:db8::6/64', '2001:db8::7/80'));
  t.is(config?.gateway6, 'fe80::1');
  t.is(config?.bootproto, 'none');
  t.deepEqual(config?.notes, [at('eth0', 3, 'IPV6ADDR: 2604:a880:800:a1::fc5:1001 has no prefix; /64 assumed, as this format does')]);
});

test('shell quoting: double, single and $\'…\' quotes; DNSn in numeric order', (t) => {
  const [config] = ifcfg('eth0', `DEVICE="eth0"
HWADDR='52:54:00:AA:BB:CC'
BOOTPROTO=$'dhcp'
DNS10=10.0.0.10
DNS2="10.0.0.2"
DNS1=10.0.0.1 # the first
`);
  t.like(config, { name: 'eth0', mac: '52:54:00:aa:bb:cc', bootproto: 'dhcp', dns: ['10.0.0.1', '10.0.0.2', '10.0.0.10'], notes: [] });
});

test('lines a sourcing shell would run or expand, and lines that are no assignment, are noted', (t) => {
  const [config] = ifcfg('eth0', `DEVICE=eth0
NAME=System eth0
MTU=$(reboot)
this is not an assignment
HWADDR="52:54:00:aa:bb:cc
`);
  t.deepEqual(config?.notes, [
    at('eth0', 2, "NAME: unquoted whitespace; a sourcing shell would run 'eth0' as a command"),
    at('eth0', 3, 'MTU: uses shell expansion ($ or `), which a sourcing shell would evaluate'),
    at('eth0', 4, 'not a KEY=value line: this is not an assignment'),
    at('eth0', 5, 'HWADDR: unterminated double quote'),
    at('eth0', 3, 'MTU=$(reboot) is not a number'),
  ]);
});

test('BOOTPROTO: bootp is DHCP; none/static without address is none; unknown values are noted', (t) => {
  const proto = (value: string) => ifcfg('eth0', `DEVICE=eth0\nBOOTPROTO=${value}\n`)[0];
  t.is(proto('bootp')?.bootproto, 'dhcp');
  t.is(proto('DHCP')?.bootproto, 'dhcp');
  t.is(proto('static')?.bootproto, 'none');
  t.like(proto('autoip'), { bootproto: null, notes: [] });
  t.deepEqual(proto('foo')?.notes, [at('eth0', 2, "unknown BOOTPROTO=foo; NetworkManager rejects this profile")]);
});

test('HWADDR binds; MACADDR only sets the MAC, which is reported with a note when nothing else binds', (t) => {
  t.like(ifcfg('eth0', 'DEVICE=eth0\nHWADDR=52:54:00:00:00:01\nMACADDR=52:54:00:00:00:02\n')[0], { mac: '52:54:00:00:00:01', notes: [] });
  const [config] = ifcfg('eth0', 'DEVICE=eth0\nMACADDR=52:54:00:00:00:02\n');
  t.is(config?.mac, '52:54:00:00:00:02');
  t.deepEqual(config?.notes, [at('eth0', 2, 'MACADDR sets the MAC of eth0 to 52:54:00:00:00:02; the file itself binds by name')]);
  t.deepEqual(ifcfg('eth0', 'HWADDR=52:54:00:00:00\n')[0]?.notes, [
    at('eth0', 1, "'52:54:00:00:00' is not a MAC address"),
    at('eth0', null, 'neither DEVICE nor HWADDR: NetworkManager applies this profile to any Ethernet NIC'),
  ]);
});

test('bad values are noted, not thrown: IPADDR with /prefix, IPv6 in IPADDR, bad GATEWAY, DNS and NETMASK', (t) => {
  const [config] = ifcfg('eth0', `DEVICE=eth0
IPADDR=10.0.0.5/24
IPADDR1=2001:db8::1
IPADDR2=10.0.0.7
NETMASK2=255.0.255.0
GATEWAY=2001:db8::ff
DNS1=dns.example
`);
  t.deepEqual(config?.addresses, addrs('10.0.0.5/24', '2001:db8::1', '10.0.0.7'));
  t.deepEqual(config?.notes, [
    at('eth0', 2, 'IPADDR=10.0.0.5/24: NetworkManager rejects a /prefix here; use PREFIX'),
    at('eth0', 3, 'IPADDR1: 2001:db8::1 has no prefix or netmask; the prefix is not given'),
    at('eth0', 3, 'IPADDR1 holds an IPv6 address; it takes IPv4 only'),
    at('eth0', 4, "IPADDR2: netmask '255.0.255.0' of 10.0.0.7 is not a contiguous netmask"),
    at('eth0', 6, 'GATEWAY=2001:db8::ff is not an IPv4 address'),
    at('eth0', 7, 'DNS1=dns.example is not an IP address'),
  ]);
});

test('ifcfg-lo, bridges, bonds and VLANs are no NICs; a bond or bridge port has no IP settings of its own', (t) => {
  t.deepEqual(ifcfg('lo', 'DEVICE=lo\nIPADDR=127.0.0.1\n'), []);
  t.deepEqual(ifcfg('br0', 'DEVICE=br0\nTYPE=Bridge\nBOOTPROTO=dhcp\n'), []);
  t.deepEqual(ifcfg('bond0', 'DEVICE=bond0\nBONDING_OPTS="mode=1"\n'), []);
  t.deepEqual(ifcfg('eth0.100', 'DEVICE=eth0.100\nVLAN=yes\n'), []);
  const [port] = ifcfg('eth1', 'DEVICE=eth1\nHWADDR=52:54:00:00:00:03\nMASTER=bond0\nSLAVE=yes\nBOOTPROTO=none\n');
  t.like(port, { name: 'eth1', mac: '52:54:00:00:00:03', bootproto: null });
  t.deepEqual(port?.notes, [at('eth1', 3, 'eth1 is a port of bond0; its IP settings are on bond0')]);
});

test('SUSE wicked: the name comes from the file, IPADDR suffixes and IPv6 in IPADDR, LLADDR sets the MAC', (t) => {
  const path = '/etc/sysconfig/network/ifcfg-eth0';
  const [config] = parseIfcfg({ path, content: `BOOTPROTO='static'
STARTMODE='auto'
IPADDR='192.168.0.10'
NETMASK='255.255.255.0'
IPADDR_1='192.168.1.10/24'
IPADDR6='2001:db8::10/64'
LLADDR='52:54:00:00:00:04'
MTU='9000'
` });
  t.deepEqual(config, nicConfig({
    format: 'ifcfg', file: path, name: 'eth0', mac: '52:54:00:00:00:04', bootproto: 'static', mtu: 9000,
    addresses: addrs('192.168.0.10/24', '192.168.1.10/24', '2001:db8::10/64'),
    notes: [`${path}:7: LLADDR sets the MAC of eth0 to 52:54:00:00:00:04; the file itself binds by name`],
  }));
  t.is(parseIfcfg({ path, content: "BOOTPROTO='dhcp4'\n" })[0]?.bootproto, 'dhcp');
  t.is(parseIfcfg({ path, content: "BOOTPROTO='dhcp6'\n" })[0]?.bootproto, 'none');
  t.deepEqual(parseIfcfg({ path: '/etc/sysconfig/network/ifcfg-br0', content: "BRIDGE='yes'\nBOOTPROTO='dhcp'\n" }), []);
});
