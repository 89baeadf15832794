// parseKeyfile: NetworkManager keyfiles, from nm-settings-keyfile(5), NM's own keyfile test data and
// hand-made edge cases.
import test from 'ava';
import { parseKeyfile } from '../src/guest-config/index.js';
import { addrs, nicConfig } from './guest-config-fixtures.js';

const DIR = '/etc/NetworkManager/system-connections';
const keyfile = (name: string, content: string, mode = 0o600) => parseKeyfile({ path: `${DIR}/${name}`, content, mode });

test('nm-settings-keyfile(5): "A sample configuration for an ethernet network"', (t) => {
  t.deepEqual(keyfile('Main eth0', `[connection]
id=Main eth0
uuid=27afa607-ee36-43f0-b8c3-9d245cdc4bb3
type=802-3-ethernet
autoconnect=true

[ipv4]
method=auto

[802-3-ethernet]
mac-address=00:23:5a:47:1f:71
`), [nicConfig({ format: 'keyfile', file: `${DIR}/Main eth0`, mac: '00:23:5a:47:1f:71', bootproto: 'dhcp' })]);
});

test('nm-settings-keyfile(5): the bridge port is an Ethernet profile without IP settings; the bridge is no NIC', (t) => {
  const [port] = keyfile('br-port-1.nmconnection', `[connection]
id=br-port-1
uuid=d6e8ae98-71f8-4b3d-9d2d-2e26048fe794
interface-name=em1
type=ethernet
master=MainBridge
slave-type=bridge
`);
  t.like(port, { name: 'em1', mac: null, bootproto: null });
  t.deepEqual(port?.notes, [`${DIR}/br-port-1.nmconnection:6: em1 is a port of MainBridge; its IP settings are on MainBridge`]);
  t.deepEqual(keyfile('MainBridge.nmconnection', '[connection]\nid=MainBridge\ninterface-name=MainBridge\ntype=bridge\n\n[bridge]\ninterface-name=MainBridge\n'), []);
  t.deepEqual(keyfile('VLAN.nmconnection', '[connection]\nid=VLAN for building 4A\ninterface-name=VLAN-4A\ntype=vlan\n\n[vlan]\ninterface-name=VLAN-4A\nparent=eth0\nid=4\n'), []);
});

test("NetworkManager's Test_Wired_Connection: every address key form, legacy lists, a bad DNS entry", (t) => {
  const [config] = keyfile('Test_Wired_Connection', `
[connection]
id=Test Wired Connection
uuid=4e80a56d-c99f-4aad-a6dd-b449bc398c57
type=802-3-ethernet
autoconnect=true
timestamp=6654332

[802-3-ethernet]
mac-address=00:11:22:33:44:55
speed=0
duplex=full
auto-negotiate=true
mtu=1400

[ipv4]
method=manual
dns=4.2.2.1;bogus;4.2.2.2;
addresses1=192.168.0.5;24;192.168.0.1;
addresses2=1.2.3.4;16;1.2.1.1;
address=2.3.4.5/24,2.3.4.6
address3=3.4.5.6/16
address4=4.5.6.7/1.2.3.4
address5=5.6.7.8
ignore-auto-routes=false
ignore-auto-dns=false

[ipv6]
method=manual
dns=1111:dddd::aaaa;1::cafe;
dns-search=super-domain.com;redhat.com;gnu.org;
addresses1=abcd:1234:ffff::cdde/64
addresses2=1:2:3:4:5:6:7:8/96
address=2:3:4:5:6:7:8:9/64,2:3:4:5:1:2:3:4
address3=3:4:5:6:7:8:9:0/128
address4=3:4:5:6:7:8:9:14
address5=3:4:5:6:7:8:9:15,
address6=3:4:5:6:7:8:9:16,66
address7=3:4:5:6:7:8:9:17,67,
address8=3:4:5:6:7:8:9:18,68,::
address9=3:4:5:6:7:8:9:19,69,1::09
`);
  const file = `${DIR}/Test_Wired_Connection`;
  // NetworkManager's own test expects this order. Where no valid prefix is given it assumes /24 (IPv4)
  // and /64 (IPv6); here an IPv4 address stays bare (or is left out) with a note.
  t.deepEqual(config, nicConfig({
    format: 'keyfile', file, mac: '00:11:22:33:44:55', bootproto: 'static', mtu: 1400,
    addresses: addrs(
      '2.3.4.5/24', '192.168.0.5/24', '1.2.3.4/16', '3.4.5.6/16', '5.6.7.8',
      '2:3:4:5:6:7:8:9/64', 'abcd:1234:ffff::cdde/64', '1:2:3:4:5:6:7:8/96', '3:4:5:6:7:8:9:0/128', '3:4:5:6:7:8:9:14/64',
      '3:4:5:6:7:8:9:15/64', '3:4:5:6:7:8:9:16/66', '3:4:5:6:7:8:9:17/67', '3:4:5:6:7:8:9:18/68', '3:4:5:6:7:8:9:19/69',
    ),
    gateway: '2.3.4.6', gateway6: '2:3:4:5:1:2:3:4', dns: ['4.2.2.1', '4.2.2.2', '1111:dddd::aaaa', '1::cafe'],
    notes: [
      `${file}:23: address4: '4.5.6.7/1.2.3.4' has an invalid prefix; left out`,
      `${file}:24: address5: 5.6.7.8 has no prefix or netmask; the prefix is not given`,
      `${file}:36: address4: 3:4:5:6:7:8:9:14 has no prefix; /64 assumed, as this format does`,
      `${file}:37: address5: 3:4:5:6:7:8:9:15 has no prefix; /64 assumed, as this format does`,
      `${file}:18: dns: 'bogus' is not an IP address`,
    ],
  }));
});

test('MACs in any case and as the obsolete list of decimal bytes', (t) => {
  const mac = (value: string) => keyfile('x.nmconnection', `[connection]\ntype=ethernet\n[ethernet]\nmac-address=${value}\n`)[0];
  t.is(mac('00:22:68:12:79:A2')?.mac, '00:22:68:12:79:a2');
  t.is(mac('0;34;104;18;121;162;')?.mac, '00:22:68:12:79:a2');
  t.deepEqual(mac('00:22:68')?.notes, [`${DIR}/x.nmconnection:4: mac-address=00:22:68 is not a MAC address`]);
});

test('gateway= wins over a gateway inside address1; the [ipv4] method decides bootproto', (t) => {
  const [config] = keyfile('eth0.nmconnection', `[connection]
id=Wired connection 1
type=ethernet
interface-name=eth0

[ipv4]
address1=192.168.1.5/24,192.168.1.1
gateway=192.168.1.254
dns=192.168.1.1;
method=manual
`);
  t.like(config, { name: 'eth0', bootproto: 'static', addresses: addrs('192.168.1.5/24'), gateway: '192.168.1.254', dns: ['192.168.1.1'], notes: [] });
  const method = (ipv4: string) => keyfile('m.nmconnection', `[connection]\ntype=ethernet\n${ipv4}`)[0];
  t.is(method('')?.bootproto, 'dhcp', 'no [ipv4]: NetworkManager normalizes to method=auto');
  t.is(method('[ipv4]\nmethod=disabled\n')?.bootproto, 'none');
  t.is(method('[ipv4]\nmethod=link-local\n')?.bootproto, null);
  t.deepEqual(method('[ipv4]\nmethod=fancy\n')?.notes, [`${DIR}/m.nmconnection:4: unknown [ipv4] method=fancy`]);
});

test('a profile readable by others is noted: NetworkManager ignores it', (t) => {
  t.deepEqual(keyfile('eth0.nmconnection', '[connection]\ntype=ethernet\n', 0o644)[0]?.notes, [
    `${DIR}/eth0.nmconnection: mode 0644 lets others read it; NetworkManager ignores such profiles (needs 0600)`,
  ]);
});

test('without type=, an [ethernet] section makes it Ethernet; with neither it is noted; other types give nothing', (t) => {
  t.is(keyfile('a', '[ethernet]\nmac-address=52:54:00:00:00:01\n')[0]?.mac, '52:54:00:00:00:01');
  t.deepEqual(keyfile('b', '[connection]\nid=b\n')[0]?.notes, [`${DIR}/b: no [connection] type= and no [ethernet] section; NetworkManager cannot tell what this profile is`]);
  t.deepEqual(keyfile('wifi.nmconnection', '[connection]\ntype=wifi\n[wifi]\nssid=x\n'), []);
});

test('GLib key-file syntax: spaces around =, escapes, stray lines noted', (t) => {
  const [config] = keyfile('c.nmconnection', `stray=1
[connection]
type = ethernet
interface-name = eth\\s0
just words
`);
  t.is(config?.name, 'eth 0');
  t.deepEqual(config?.notes, [
    `${DIR}/c.nmconnection:1: outside any [section]: stray=1`,
    `${DIR}/c.nmconnection:5: not a key=value line: just words`,
  ]);
});
