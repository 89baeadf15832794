// guestNicsForManifest: which configs become attachable NICs, how names reach MACs, merging, order.
import test from 'ava';
import { guestNicsForManifest, readGuestConfigs, type GuestConfigFile } from '../src/guest-config/index.js';
import { addrs, nicConfig } from './guest-config-fixtures.js';

const file = (path: string, content: string): GuestConfigFile => ({ path, content });
const nics = (...files: GuestConfigFile[]) => guestNicsForManifest(readGuestConfigs(files));
const LINK = (name: string, mac: string) => file(`/etc/systemd/network/10-${name}.link`, `[Match]\nMACAddress=${mac}\n[Link]\nName=${name}\n`);

test('a name-bound config gets the MAC a .link file, udev rule, netplan set-name or ifcfg DEVICE+HWADDR ties to its name', (t) => {
  const { nics: list, notes } = nics(
    file('/etc/network/interfaces', 'iface eth0 inet dhcp\niface eth1 inet static\n  address 10.0.0.5/24\niface eth2 inet dhcp\niface eth3 inet dhcp\n'),
    LINK('eth0', '52:54:00:00:00:10'),
    file('/etc/udev/rules.d/70-persistent-net.rules', 'SUBSYSTEM=="net", ATTR{address}=="52:54:00:00:00:11", NAME="eth1"\n'),
    file('/etc/netplan/10-names.yaml', 'network:\n  version: 2\n  ethernets:\n    n:\n      match: {macaddress: "52:54:00:00:00:12"}\n      set-name: eth2\n      dhcp4: true\n'),
    file('/etc/sysconfig/network-scripts/ifcfg-eth3', 'DEVICE=eth3\nHWADDR=52:54:00:00:00:13\nBOOTPROTO=dhcp\n'),
  );
  t.deepEqual(list.map((n) => [n.name, n.mac, n.bootproto, n.addresses]), [
    ['eth0', '52:54:00:00:00:10', 'dhcp', []],
    ['eth1', '52:54:00:00:00:11', 'static', addrs('10.0.0.5/24')],
    ['eth2', '52:54:00:00:00:12', 'dhcp', []],
    ['eth3', '52:54:00:00:00:13', 'dhcp', []],
  ]);
  t.deepEqual(notes, []);
});

test('order: names in natural order (eth2 < eth10), then NICs without a name by MAC, under their MAC-based names', (t) => {
  const key = (name: string, mac: string) => file(`/etc/NetworkManager/system-connections/${name}.nmconnection`,
    `[connection]\ntype=ethernet\n${name.startsWith('x') ? '' : `interface-name=${name}\n`}[ethernet]\nmac-address=${mac}\n`);
  const { nics: list } = nics(key('eth10', '52:54:00:00:00:01'), key('xb', '52:54:00:00:00:09'), key('eth2', '52:54:00:00:00:02'),
    key('xa', '52:54:00:00:00:08'), key('eth1', '52:54:00:00:00:03'), key('eth0', '52:54:00:00:00:04'));
  t.deepEqual(list.map((n) => n.name), ['eth0', 'eth1', 'eth2', 'eth10', 'enx525400000008', 'enx525400000009']);
});

test('the same MAC in several files: merged when they agree (the name filled in), noted when they do not', (t) => {
  const agree = nics(
    file('/etc/systemd/network/10-a.network', '[Match]\nMACAddress=52:54:00:00:00:20\n[Network]\nDHCP=yes\n'),
    file('/etc/sysconfig/network-scripts/ifcfg-eth0', 'DEVICE=eth0\nHWADDR=52:54:00:00:00:20\nBOOTPROTO=dhcp\n'),
  );
  t.deepEqual(agree, { nics: [{ name: 'eth0', mac: '52:54:00:00:00:20', bootproto: 'dhcp', addresses: [], gateway: null, gateway6: null, dns: [], mtu: null, onlink: null, defroute: null }], notes: [] });
  const disagree = nics(
    file('/etc/NetworkManager/system-connections/eth0.nmconnection', '[connection]\ntype=ethernet\ninterface-name=eth0\n[ethernet]\nmac-address=52:54:00:00:00:21\n[ipv4]\nmethod=manual\naddress1=10.0.0.5/24\n'),
    file('/etc/sysconfig/network-scripts/ifcfg-eth1', 'DEVICE=eth1\nHWADDR=52:54:00:00:00:21\nBOOTPROTO=dhcp\n'),
  );
  t.deepEqual(disagree.nics.map((n) => [n.name, n.bootproto]), [['eth0', 'static']]);
  t.deepEqual(disagree.notes, [
    'MAC 52:54:00:00:00:21: /etc/sysconfig/network-scripts/ifcfg-eth1 disagrees with /etc/NetworkManager/system-connections/eth0.nmconnection on name, bootproto, addresses; using /etc/NetworkManager/system-connections/eth0.nmconnection',
  ]);
});

test('configs bound by name only, by pattern or to every NIC become notes', (t) => {
  const { nics: list, notes } = nics(
    file('/etc/network/interfaces', 'iface eth5 inet dhcp\n'),
    file('/etc/systemd/network/80-dhcp.network', '[Match]\nName=en*\n[Network]\nDHCP=yes\n'),
    file('/etc/systemd/network/99-all.network', '[Network]\nDHCP=yes\n'),
    LINK('lan0', '52:54:00:00:00:30'), file('/etc/systemd/network/11-lan0.link', '[Match]\nMACAddress=52:54:00:00:00:31\n[Link]\nName=lan0\n'),
    file('/etc/NetworkManager/system-connections/lan0.nmconnection', '[connection]\ntype=ethernet\ninterface-name=lan0\n'),
  );
  t.deepEqual(list, []);
  t.deepEqual(notes, [
    'NIC lan0 in /etc/NetworkManager/system-connections/lan0.nmconnection: several MACs are tied to lan0 (52:54:00:00:00:30, 52:54:00:00:00:31); not listed',
    'NIC eth5 in /etc/network/interfaces is bound by name only; no .link file, udev rule, netplan set-name or ifcfg DEVICE+HWADDR ties eth5 to a MAC, so it is not listed',
    "the configuration in /etc/systemd/network/80-dhcp.network matches interfaces by the pattern 'en*'; it is not one NIC and is not listed",
    'the configuration in /etc/systemd/network/99-all.network applies to every interface; it is not one NIC and is not listed',
  ]);
});

test('cloud-init, udev and .link entries only name NICs; placeholders with notes are skipped; bootproto null is none', (t) => {
  const base = { file: '/x', notes: [] };
  const { nics: list, notes } = guestNicsForManifest([
    nicConfig({ ...base, format: 'cloud-init', name: 'eth0', mac: '52:54:00:00:00:40', bootproto: 'dhcp' }),
    nicConfig({ ...base, format: 'udev', name: 'eth1', mac: '52:54:00:00:00:41' }),
    nicConfig({ ...base, format: 'networkd-link', name: 'eth2', mac: '52:54:00:00:00:42' }),
    nicConfig({ format: 'netplan', file: '/etc/netplan/bad.yaml', notes: ['/etc/netplan/bad.yaml:1: YAML: …'] }),
    nicConfig({ ...base, format: 'keyfile', name: 'eth0', bootproto: null }),
  ]);
  t.deepEqual(list, [{ name: 'eth0', mac: '52:54:00:00:00:40', bootproto: 'none', addresses: [], gateway: null, gateway6: null, dns: [], mtu: null, onlink: null, defroute: null }]);
  t.deepEqual(notes, []);
});

test("a name the NIC rules refuse ('lo', all digits) is no name for the manifest either", (t) => {
  for (const bad of ['lo', '123']) {
    const { nics: list } = nics(file(`/etc/NetworkManager/system-connections/${bad}.nmconnection`,
      `[connection]\ntype=ethernet\ninterface-name=${bad}\n[ethernet]\nmac-address=52:54:00:00:00:51\n`));
    t.deepEqual(list.map((n) => n.name), ['enx525400000051'], bad);
  }
});

test('what the manifest cannot hold: a name that is no interface name, an address without prefix', (t) => {
  const { nics: list, notes } = nics(file('/etc/NetworkManager/system-connections/w.nmconnection',
    '[connection]\ntype=ethernet\ninterface-name=Wired connection 1\n[ethernet]\nmac-address=52:54:00:00:00:50\n[ipv4]\nmethod=manual\naddress1=10.0.0.5\naddress2=10.0.1.5/24\n'));
  t.deepEqual(list.map((n) => [n.name, n.addresses]), [['enx525400000050', addrs('10.0.1.5/24')]]);
  t.deepEqual(notes, [
    'NIC enx525400000050 in /etc/NetworkManager/system-connections/w.nmconnection: address 10.0.0.5 has no prefix; left out of the manifest',
    "NIC 'Wired connection 1' in /etc/NetworkManager/system-connections/w.nmconnection: not a usable interface name (1-15 of A-Z a-z 0-9 _ . -, not all digits, not ., .. or lo); it is listed as enx525400000050, its MAC-based name",
  ]);
});

test('every NIC list, from every fixture and edge case here, is valid in the image manifest schema', async (t) => {
  const { imageManifestSchema } = await import('../src/manifest.js');
  const { validatorFor } = await import('../src/schema.js');
  const { fixtureCases, fixtureFiles } = await import('./guest-config-fixtures.js');
  const validate = await validatorFor(imageManifestSchema());
  const lists = fixtureCases('rejviz').flatMap((format) => fixtureCases('rejviz', format).map((name) => fixtureFiles(['rejviz', format, name])));
  lists.push([
    file('/etc/NetworkManager/system-connections/w', '[connection]\ntype=ethernet\ninterface-name=Wired connection 1\n[ethernet]\nmac-address=52:54:00:00:00:50\n[ipv4]\nmethod=manual\naddress1=10.0.0.5\n'),
    file('/etc/sysconfig/network-scripts/ifcfg-averyveryverylongname0', 'DEVICE=averyveryverylongname0\nHWADDR=52:54:00:00:00:51\nIPADDR=10.0.0.9\n'),
  ]);
  for (const files of lists) {
    const manifest = { image: '/x.qcow2', format: 'qcow2', template: 't', osinfo: null, nicFormat: null, command: 'x', nics: nics(...files).nics };
    t.deepEqual(validate(manifest), [], files.map((f) => f.path).join(' '));
  }
});
