// Round trip: every file rejviz's own --nic renderers write (goldens copied from plugin-nic and
// plugin-cloud-init tests into fixtures/guest-config/rejviz) reads back as the NIC it came from.
import test from 'ava';
import type { ManifestNic } from '../src/manifest.js';
import { guestNicsForManifest, readGuestConfigs, type GuestNicConfig } from '../src/guest-config/index.js';
import { cidrs as A } from '@rejviz/test-support';
import { fixtureCases, fixtureFiles } from './guest-config-fixtures.js';

const nic = (fields: Partial<ManifestNic> & Pick<ManifestNic, 'name' | 'mac'>): ManifestNic => ({
  bootproto: 'static', addresses: [], gateway: null, gateway6: null, dns: [], mtu: null, onlink: null, defroute: null, ...fields,
});

const EXPECTED: Record<string, ManifestNic[]> = {
  staticIpv4: [nic({ name: 'eth1', mac: '52:54:00:aa:00:01', addresses: A('192.168.122.15/24'), gateway: '192.168.122.1' })],
  dhcp: [nic({ name: 'eth0', mac: '52:54:00:aa:00:02', bootproto: 'dhcp' })],
  staticIpv6: [nic({ name: 'eth1', mac: '52:54:00:aa:00:03', bootproto: 'none', addresses: A('2001:db8:1::15/64'), gateway6: '2001:db8:1::1' })],
  dualStack: [nic({ name: 'eth1', mac: '52:54:00:aa:00:04', addresses: A('10.0.0.5/24', '2001:db8::5/64'), gateway: '10.0.0.1', gateway6: '2001:db8::1' })],
  hostRoute: [nic({ name: 'eth1', mac: '52:54:00:aa:00:05', addresses: A('203.0.113.15/32'), gateway: '203.0.113.1', onlink: true })],
  onlink: [nic({ name: 'eth1', mac: '52:54:00:aa:00:06', addresses: A('192.168.1.5/24'), gateway: '10.9.9.1', onlink: true })],
  mtuDns: [nic({ name: 'eth1', mac: '52:54:00:aa:00:07', addresses: A('172.16.0.10/16'), gateway: '172.16.0.1', dns: ['172.16.0.2', '2001:db8::53'], mtu: 9000 })],
  ipv6Only: [nic({ name: 'eth2', mac: '52:54:00:aa:00:03', bootproto: 'none', addresses: A('2001:db8:1::15/128'), gateway6: '2001:db8:1::1', onlink: true })],
  dhcpBesideStatic: [
    nic({ name: 'eth0', mac: '52:54:00:aa:00:02', bootproto: 'dhcp' }),
    nic({ name: 'eth1', mac: '52:54:00:aa:00:01', addresses: A('192.168.122.15/24'), gateway: '192.168.122.1' }),
  ],
  renamed: [nic({ name: 'lan0', mac: '52:54:00:aa:00:50', bootproto: 'dhcp' })],
  interfacesLayout: [
    nic({ name: 'eth0', mac: '', bootproto: 'dhcp' }),
    nic({ name: 'eth1', mac: '', addresses: A('10.0.0.5/24'), gateway: '10.0.0.1' }),
  ],
};

// What each format cannot say: keyfile and networkd profiles bind by MAC only (no name unless a
// .link names it); ifupdown binds by name only (no MAC).
const WITHOUT_NAME = ['keyfile', 'networkd'];
const WITHOUT_MAC = ['eni'];

function asConfig(format: string, expected: ManifestNic): Partial<GuestNicConfig> {
  const { name, mac, onlink: _onlink, defroute: _defroute, ...rest } = expected;
  return { ...rest, name: WITHOUT_NAME.includes(format) ? null : name, mac: WITHOUT_MAC.includes(format) ? null : mac };
}

const project = (c: GuestNicConfig): Partial<GuestNicConfig> => ({
  name: c.name, mac: c.mac, bootproto: c.bootproto, addresses: c.addresses, gateway: c.gateway, gateway6: c.gateway6, dns: c.dns, mtu: c.mtu,
});

for (const format of fixtureCases('rejviz')) {
  for (const name of fixtureCases('rejviz', format)) {
    test(`${format} ${name}: every config reads back, without notes`, (t) => {
      const configs = readGuestConfigs(fixtureFiles(['rejviz', format, name], 0o600)).filter((c) => c.format !== 'networkd-link');
      const expected = EXPECTED[name];
      if (expected === undefined) return t.fail(`no expectation for case ${name}`);
      // rejviz writes the DHCP NIC's file first (ifcfg-eth0 < ifcfg-eth1), or one file in NIC order.
      t.deepEqual(configs.map(project), expected.map((e) => asConfig(format, e)));
      t.deepEqual(configs.flatMap((c) => c.notes), []);
    });
  }
}

for (const format of ['ifcfg', 'netplan']) {
  test(`${format}: the manifest NICs are exactly the rendered ones`, (t) => {
    for (const name of fixtureCases('rejviz', format)) {
      const { nics, notes } = guestNicsForManifest(readGuestConfigs(fixtureFiles(['rejviz', format, name], 0o600)));
      t.deepEqual(nics, [...(EXPECTED[name] ?? [])].sort((a, b) => a.name.localeCompare(b.name)), name);
      t.deepEqual(notes, [], name);
    }
  });
}

test('networkd: a .link file names the MAC-bound NIC; without one the NIC is listed under its MAC-based name', (t) => {
  const renamed = guestNicsForManifest(readGuestConfigs(fixtureFiles(['rejviz', 'networkd', 'renamed'])));
  t.deepEqual(renamed, { nics: EXPECTED.renamed, notes: [] });
  const plain = guestNicsForManifest(readGuestConfigs(fixtureFiles(['rejviz', 'networkd', 'staticIpv4'])));
  t.deepEqual(plain.nics.map((n) => n.name), ['enx525400aa0001']);
  t.deepEqual(plain.notes, ['NIC 52:54:00:aa:00:01 in /etc/systemd/network/10-rejviz-eth1.network names no interface; it is listed as enx525400aa0001, its MAC-based name']);
});

test('cloud-init: a seed only names NICs; they come from the files it would render', (t) => {
  const seed = readGuestConfigs(fixtureFiles(['rejviz', 'cloud-init', 'staticIpv4']));
  t.deepEqual(guestNicsForManifest(seed), { nics: [], notes: [] });
  const keyfile = readGuestConfigs(fixtureFiles(['rejviz', 'keyfile', 'staticIpv4'], 0o600));
  t.deepEqual(guestNicsForManifest([...keyfile, ...seed]), { nics: EXPECTED.staticIpv4, notes: [] });
});

test('eni: ifupdown binds by name only, so no NIC can be attached by MAC', (t) => {
  const { nics, notes } = guestNicsForManifest(readGuestConfigs(fixtureFiles(['rejviz', 'eni', 'interfacesLayout'])));
  t.deepEqual(nics, []);
  t.is(notes.length, 2);
  t.regex(notes[0] ?? '', /^NIC eth0 in \/etc\/network\/interfaces is bound by name only; /);
});
