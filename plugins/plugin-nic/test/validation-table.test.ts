// Every row of docs/network-formats.md#bad-nic-input: bad --nic input is rejected with a one-line
// UsageError naming the NIC, the key, the value and the fix (or warned about, where the table says
// warn).

import test, { type ExecutionContext } from 'ava';
import { UsageError } from '@rejviz/core';
import { parseNicOption, planNics } from '../src/index.js';

function rejects(t: ExecutionContext, values: string | string[], expected: string): void {
  const error = t.throws(() => (Array.isArray(values) ? planNics(values) : parseNicOption(values)), { instanceOf: UsageError });
  t.true(error?.message.includes(expected), `message: ${error?.message}\nexpected to include: ${expected}`);
  t.false(error?.message.includes('\n'), 'message must be one line');
}

function warns(t: ExecutionContext, value: string, expected: string): void {
  const { warnings } = parseNicOption(value);
  t.true(warnings.some((w) => w.includes(expected)), `warnings: ${JSON.stringify(warnings)}\nexpected one to include: ${expected}`);
}

type Row = [row: number, input: string | string[], expected: string];

const ERRORS: Row[] = [
  [1, 'ipaddr=1.2.3.4', "--nic 'ipaddr=1.2.3.4': 'name' is required; add name=IFNAME"],
  [2, 'name=eth0,foo', "--nic eth0: item 'foo' is not KEY=VALUE"],
  [3, 'name=eth0,ipadr=10.0.0.5', "--nic eth0: unknown key 'ipadr' (known: name, hwaddr, bootproto, ipaddr, prefix, netmask, gateway,"],
  [4, 'name=eth0,name=eth1', "--nic 'name=eth0,name=eth1': key 'name' given more than once"],
  [4, 'name=eth0,mtu=1500,mtu=9000', "--nic eth0: key 'mtu' given more than once"],
  [5, 'name=eth0,gateway=', "--nic eth0: key 'gateway' has an empty value"],
  ...['verylonginterface0', 'a/b', 'a:b', 'a b', '.', '..', '123', 'a%b', '$(reboot)'].map(
    (name): Row => [6, `name=${name}`, `invalid interface name '${name}': must be 1-15 chars of [A-Za-z0-9_.-], not all digits`],
  ),
  [6, 'name=a\nb', "--nic 'name=a\\x0ab': invalid interface name 'a\\x0ab'"],
  [7, 'name=lo', "--nic 'name=lo': interface name 'lo' is reserved (loopback)"],
  [8, ['name=eth1', 'name=eth1,ipaddr=10.0.0.5/24'], "duplicate NIC name 'eth1'"],
  [9, ['name=eth1,hwaddr=52:54:00:aa:bb:cc', 'name=eth2,hwaddr=52-54-00-AA-BB-CC'], 'hwaddr 52:54:00:aa:bb:cc used by eth1 and eth2'],
  [10, 'name=eth0,bootproto=foo', "--nic eth0: bootproto 'foo' is not one of dhcp, static, none"],
  [11, 'name=eth0,bootproto=static', '--nic eth0: bootproto=static requires an IPv4 ipaddr'],
  [11, 'name=eth0,bootproto=static,ip6addr=2001:db8::5/64', '--nic eth0: bootproto=static requires an IPv4 ipaddr'],
  [12, 'name=eth0,bootproto=dhcp,ipaddr=10.0.0.5', '--nic eth0: bootproto=dhcp cannot be combined with ipaddr'],
  [12, 'name=eth0,bootproto=dhcp,gateway=10.0.0.1', 'bootproto=dhcp cannot be combined with gateway'],
  [12, 'name=eth0,bootproto=dhcp,netmask=255.255.255.0', 'bootproto=dhcp cannot be combined with netmask'],
  [12, 'name=eth0,bootproto=none,ipaddr=10.0.0.5/24', 'bootproto=none cannot be combined with ipaddr'],
  ...['192.168.1.256', '1.2.3', '10.1', '010.0.0.1', ' 1.2.3.4', '1.2.3.4/24/8'].map(
    (ip): Row => [13, `name=eth0,ipaddr=${ip}`, `--nic eth0: invalid IPv4 address '${ip}' in ipaddr`],
  ),
  [13, 'name=eth0,ipaddr=10.0.0.5/24,gateway=010.0.0.1', "invalid IPv4 address '010.0.0.1' in gateway"],
  ...['0.0.0.0', '255.255.255.255', '127.0.0.5', '224.0.0.1', '240.0.0.1'].map(
    (ip): Row => [14, `name=eth0,ipaddr=${ip}/24`, `--nic eth0: ipaddr ${ip} is not a usable unicast host address`],
  ),
  [14, 'name=eth0,ip6addr=::1/128', 'ip6addr ::1 is not a usable unicast host address'],
  [14, 'name=eth0,ip6addr=ff02::1/64', 'ip6addr ff02::1 is not a usable unicast host address'],
  [15, 'name=eth0,ipaddr=10.0.0.0/24', 'ipaddr 10.0.0.0 is the network/broadcast address of 10.0.0.0/24'],
  [15, 'name=eth0,ipaddr=10.0.0.255/24', 'ipaddr 10.0.0.255 is the network/broadcast address of 10.0.0.0/24'],
  [16, 'name=eth0,ipaddr=10.0.0.5,netmask=255.0.255.0', 'netmask 255.0.255.0 is not contiguous'],
  ...['netmask=0.0.0.0', 'prefix=0', 'prefix=33', 'prefix=-1', 'prefix=024'].map(
    (item): Row => [17, `name=eth0,ipaddr=10.0.0.5,${item}`, 'prefix must be 1-32 (IPv4) / 1-128 (IPv6)'],
  ),
  [17, 'name=eth0,ip6addr=2001:db8::5/129', "ip6addr prefix '129' is out of range: prefix must be 1-32 (IPv4) / 1-128 (IPv6)"],
  [18, 'name=eth0,ipaddr=10.0.0.5/24,netmask=255.255.0.0', 'ipaddr prefix and netmask disagree (/24 vs /16)'],
  [18, 'name=eth0,ipaddr=10.0.0.5,prefix=16,netmask=255.255.255.0', 'prefix and netmask disagree (/16 vs /24)'],
  [19, 'name=eth0,ipaddr=10.0.0.5/24,network=10.0.1.0', 'network=10.0.1.0 does not match ipaddr 10.0.0.5/24 (network 10.0.0.0)'],
  [19, 'name=eth0,ipaddr=10.0.0.5/24,broadcast=10.0.0.254', 'broadcast=10.0.0.254 does not match ipaddr 10.0.0.5/24'],
  [20, 'name=eth0,ipaddr=10.0.0.5/24,gateway=10.1.0.1', 'gateway 10.1.0.1 is not inside 10.0.0.5/24; add onlink=yes or a matching prefix'],
  [20, 'name=eth0,ip6addr=2001:db8::5/64,gateway6=2001:db9::1', 'gateway6 2001:db9::1 is not inside 2001:db8::5/64; add onlink=yes'],
  [20, 'name=eth0,ipaddr=10.0.0.5/32,gateway=10.0.0.1,onlink=no', 'can only be reached on-link; drop onlink=no'],
  [21, 'name=eth0,ipaddr=10.0.0.5/24,gateway=10.0.0.5', "gateway 10.0.0.5 is not a valid next hop for 10.0.0.5/24 (it is this NIC's own address)"],
  [21, 'name=eth0,ipaddr=10.0.0.5/24,gateway=10.0.0.0', 'gateway 10.0.0.0 is not a valid next hop for 10.0.0.5/24 (it is the network/broadcast address of 10.0.0.0/24)'],
  [21, 'name=eth0,ipaddr=10.0.0.5/24,gateway=10.0.0.255', 'gateway 10.0.0.255 is not a valid next hop'],
  [21, 'name=eth0,ipaddr=10.0.0.5/24,gateway=224.0.0.1,onlink=yes', 'gateway 224.0.0.1 is not a valid next hop for 10.0.0.5/24 (it is a multicast address)'],
  [21, 'name=eth0,ipaddr=10.0.0.5/24,gateway6=2001:db8::1', 'gateway6 2001:db8::1 is not a valid next hop: this NIC has no static IPv6 address'],
  [21, 'name=eth0,ip6addr=2001:db8::5/64,gateway=10.0.0.1', 'gateway 10.0.0.1 is not a valid next hop: this NIC has no static IPv4 address'],
  [21, 'name=eth0,ip6addr=2001:db8::5/64,gateway6=2001:db8::5', "gateway6 2001:db8::5 is not a valid next hop for 2001:db8::5/64 (it is this NIC's own address)"],
  [21, 'name=eth0,ipaddr=10.0.0.5/24,gateway6=10.0.0.1', "gateway6 takes an IPv6 address, got '10.0.0.1'"],
  [22, ['name=eth0,ipaddr=10.0.0.5/24,gateway=10.0.0.1', 'name=eth1,ipaddr=10.1.0.5/24,gateway=10.1.0.1'],
    '--nic eth0 and --nic eth1 both set an IPv4 default gateway; add defroute=no on all but one'],
  [23, 'name=eth0,ipaddr=10.0.0.5/24,dns1=example.com', "--nic eth0: dns1 must be an IP address, got 'example.com'"],
  [23, 'name=eth0,ipaddr=10.0.0.5/24,dns2=10.0.0.1/24', "dns2 must be an IP address, got '10.0.0.1/24'"],
  [23, 'name=eth0,ipaddr=10.0.0.5/24,dns1=fe80::1%eth0', "dns1 must be an IP address, got 'fe80::1%eth0'"],
  ...['40', '70000', '01500', 'abc', '-1'].map((mtu): Row => [24, `name=eth0,mtu=${mtu}`, `--nic eth0: mtu '${mtu}' out of range`]),
  [24, 'name=eth0,ip6addr=2001:db8::5/64,mtu=1000', 'mtu 1000 out of range: IPv6 needs at least 1280'],
  ...['52:54:00:12:34', '5254.0012.3456', '52:54:00:12:34:zz', '52:54-00:12:34:56', '52:54:00:12:34:567', '525400123456'].map(
    (mac): Row => [25, `name=eth0,hwaddr=${mac}`, `--nic eth0: invalid MAC '${mac}' in hwaddr (expected xx:xx:xx:xx:xx:xx)`],
  ),
  ...['01:00:5e:00:00:01', '33:33:00:00:00:01', '11:22:33:44:55:66', 'ff:ff:ff:ff:ff:ff'].map(
    (mac): Row => [26, `name=eth0,hwaddr=${mac}`, `--nic eth0: hwaddr ${mac} is a multicast/broadcast address`],
  ),
  [27, 'name=eth0,hwaddr=00:00:00:00:00:00', 'hwaddr 00:00:00:00:00:00 is the null MAC'],
  [30, 'name=eth0,ip6addr=2001:db8::5', "IPv6 address needs an explicit /prefix and no %zone: '2001:db8::5' in ip6addr"],
  [30, 'name=eth0,ipaddr=2001:db8::5', "IPv6 address needs an explicit /prefix and no %zone: '2001:db8::5' in ipaddr"],
  [30, 'name=eth0,ip6addr=fe80::5%eth0/64', 'IPv6 address needs an explicit /prefix and no %zone'],
  [30, 'name=eth0,ip6addr=2001:db8::5/64,gateway6=2001:db8::1%eth0', 'a %zone is only allowed on a link-local gateway'],
  [31, 'name=eth0,ipaddr=10.0.0.5/24,dns1=1.1.1.1,8.8.8.8', "item '8.8.8.8' is not KEY=VALUE (values cannot contain ','; give DNS servers as dns1=…,dns2=…)"],
  [31, 'name=eth0,bootproto=dhcp=static', "value 'dhcp=static' of key 'bootproto' contains '='; --nic values cannot contain ',' or '='"],
];

for (const [row, input, expected] of ERRORS) {
  test(`row ${row} rejects ${JSON.stringify(input)}`, (t) => rejects(t, input, expected));
}

const WARNINGS: Row[] = [
  [14, 'name=eth0,ipaddr=169.254.1.1/16', '--nic eth0: ipaddr 169.254.1.1 is link-local'],
  [14, 'name=eth0,ip6addr=fe80::5/64', '--nic eth0: ip6addr fe80::5 is link-local'],
  [28, 'name=eth0,hwaddr=fe:54:00:12:34:56', '--nic eth0: hwaddr fe:54:00:12:34:56: first octet fe is reserved by libvirt'],
  [29, 'name=eth0,hwaddr=52:54:00:12:34:56', "--nic eth0: hwaddr 52:54:00:12:34:56 is in QEMU's default range 52:54:00:12:34:xx"],
  [29, 'name=eth0,hwaddr=52:54:00:12:34:5F', 'hwaddr 52:54:00:12:34:5f is in QEMU\'s default range'],
];

for (const [row, input, expected] of WARNINGS) {
  test(`row ${row} warns about ${JSON.stringify(input)}`, (t) => warns(t, input as string, expected));
}

// Not row 12: DNS servers of a DHCP NIC are kept next to the leased ones by every format (issue 11, defect 18).
test('dns on a DHCP NIC is accepted, with or without bootproto=dhcp', (t) => {
  t.notThrows(() => parseNicOption('name=eth0,bootproto=dhcp,dns1=1.1.1.1'));
  t.notThrows(() => parseNicOption('name=eth0,dns1=1.1.1.1'));
});

test('well-formed input produces no warnings at all', (t) => {
  t.deepEqual(parseNicOption('name=eth0,hwaddr=52:54:00:aa:bb:cc,ipaddr=10.0.0.5/24,gateway=10.0.0.1').warnings, []);
});
