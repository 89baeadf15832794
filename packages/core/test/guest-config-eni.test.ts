// parseEni: Debian interfaces(5) (its EXAMPLE and template sections), ifupdown-ng and BusyBox rules.
import test from 'ava';
import { parseEni } from '../src/guest-config/index.js';
import { addrs, nicConfig } from './guest-config-fixtures.js';

const PATH = '/etc/network/interfaces';
const eni = (content: string, busybox = false) => parseEni({ path: PATH, content }, { busybox });

test('interfaces(5) EXAMPLE: inet and inet6 stanzas of one interface make one config', (t) => {
  t.deepEqual(eni(`auto eth0
allow-hotplug eth1

iface eth0 inet dhcp

iface eth0 inet6 auto

iface eth1 inet static
\taddress 192.168.1.2/24
\tgateway 192.168.1.1

iface eth1 inet6 static
\taddress fec0:0:0:1::2/64
\tgateway fec0:0:0:1::1
`), [
    nicConfig({ format: 'eni', file: PATH, name: 'eth0', bootproto: 'dhcp' }),
    nicConfig({
      format: 'eni', file: PATH, name: 'eth1', bootproto: 'static', addresses: addrs('192.168.1.2/24', 'fec0:0:0:1::2/64'),
      gateway: '192.168.1.1', gateway6: 'fec0:0:0:1::1',
    }),
  ]);
});

test('interfaces(5) INTERFACE TEMPLATES: inherits takes the template options; the template is no NIC', (t) => {
  const configs = eni(`iface ethernet inet static
\tmtu 1500
\thwaddress 11:22:33:44:55:66

iface eth0 inet static inherits ethernet
\taddress 192.168.1.2/24
`);
  t.is(configs.length, 1);
  t.like(configs[0], { name: 'eth0', bootproto: 'static', addresses: addrs('192.168.1.2/24'), mtu: 1500, mac: '11:22:33:44:55:66' });
  t.deepEqual(configs[0]?.notes, [`${PATH}:3: hwaddress sets the MAC of eth0 to 11:22:33:44:55:66; the stanza itself binds by name`]);
});

test('Debian installer style: loopback skipped, netmask, dns-nameservers, continuation lines, mapping bodies', (t) => {
  const configs = eni(`# This file describes the network interfaces available on your system
# and how to activate them. For more information, see interfaces(5).

source /etc/network/interfaces.d/*

# The loopback network interface
auto lo
iface lo inet loopback

mapping eth0
\tscript /usr/local/sbin/map-scheme
\tmap HOME eth0-home

# The primary network interface
allow-hotplug ens3
iface ens3 inet static
\taddress 10.1.2.78
\tnetmask 255.255.255.0
\tnetwork 10.1.2.0
\tbroadcast 10.1.2.255
\tgateway 10.1.2.3
\tdns-nameservers 10.1.2.3 \\
\t  2001:db8::53
\tmtu 9000
`);
  t.deepEqual(configs, [nicConfig({
    format: 'eni', file: PATH, name: 'ens3', bootproto: 'static', addresses: addrs('10.1.2.78/24'), gateway: '10.1.2.3', dns: ['10.1.2.3', '2001:db8::53'], mtu: 9000,
  })]);
});

test('inet6-only and manual stanzas configure no IPv4; a second inet stanza adds an address', (t) => {
  const configs = eni(`iface eth0 inet6 static
    address 2001:db8::5
    netmask 64
iface eth1 inet manual
iface eth2 inet static
    address 10.0.0.5/24
iface eth2 inet static
    address 10.0.1.5/24
`);
  t.deepEqual(configs.map((c) => [c.name, c.bootproto, c.addresses]), [
    ['eth0', 'none', addrs('2001:db8::5/64')],
    ['eth1', 'none', []],
    ['eth2', 'static', addrs('10.0.0.5/24', '10.0.1.5/24')],
  ]);
});

test('end-of-line comments are values in interfaces(5), and are noted', (t) => {
  const [config] = eni(`allow-hotplug eth0
iface eth0 inet static
address 192.168.1.99 # The static ip address
netmask 255.255.255.0
gateway 192.168.1.1 # Your gateway
`);
  t.like(config, { addresses: addrs('192.168.1.99/24'), gateway: '192.168.1.1' });
  t.deepEqual(config?.notes, [
    `${PATH}:3: '# The static ip address' is part of the 'address' value: interfaces(5) has no end-of-line comments`,
    `${PATH}:5: '# Your gateway' is part of the 'gateway' value: interfaces(5) has no end-of-line comments`,
  ]);
});

test('ifupdown-ng: iface without family and method, `use dhcp`, or an implied static method', (t) => {
  const configs = eni('iface eth0\n    use dhcp\niface eth1\n    address 10.0.0.5/24\n');
  t.deepEqual(configs.map((c) => [c.name, c.bootproto, c.addresses]), [['eth0', 'dhcp', []], ['eth1', 'static', addrs('10.0.0.5/24')]]);
  t.regex(configs[0]?.notes[0] ?? '', /iface eth0 without family and method: Debian ifupdown and BusyBox reject it/);
});

test('BusyBox: format busybox-eni; prefix only from netmask, duplicate and empty options, source-directory noted', (t) => {
  const configs = eni(`source-directory /etc/network/interfaces.d
auto eth0
iface eth0 inet static
    address 10.0.0.5/24
    gateway 10.0.0.1
    gateway 10.0.0.2
    hostname
`, true);
  t.is(configs[0]?.format, 'busybox-eni');
  t.deepEqual(configs[0]?.notes, [
    `${PATH}:1: BusyBox ifupdown does not understand 'source-directory /etc/network/interfaces.d' (only 'source FILE')`,
    `${PATH}:6: duplicate option 'gateway': BusyBox ifupdown refuses the file`,
    `${PATH}:7: option 'hostname' has no value: BusyBox ifupdown refuses the file`,
    `${PATH}:4: BusyBox takes the prefix from 'netmask' only; 'address 10.0.0.5/24' without netmask fails`,
  ]);
  t.is(configs[0]?.gateway, '10.0.0.1');
});

test('stray options, unknown methods, bad values and missing inherits are noted', (t) => {
  const configs = eni(`    address 10.9.9.9
iface eth0 inet ppp
iface eth1 inet static
    gateway nowhere
    mtu big
    dns-nameservers resolver
    hwaddress ether 52:54:00
iface eth2 inet static inherits nothing
    address 10.0.0.2/24
`);
  t.deepEqual(configs.flatMap((c) => c.notes), [
    `${PATH}:1: 'address' outside any iface stanza`,
    `${PATH}:8: iface eth2 inherits nothing, which is not defined in this file`,
    `${PATH}:2: iface eth0 inet ppp: not dhcp, static or manual`,
    `${PATH}:5: mtu 'big' is not a number`,
    `${PATH}:6: dns-nameservers: 'resolver' is not an IP address`,
    `${PATH}:7: hwaddress 'ether 52:54:00' is not a MAC address`,
    `${PATH}:3: iface eth1 inet static has no address`,
    `${PATH}:4: gateway 'nowhere' is not an IPv4 address`,
  ]);
  t.deepEqual(configs.map((c) => c.bootproto), [null, 'static', 'static']);
});
