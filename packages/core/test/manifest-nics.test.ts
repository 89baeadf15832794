// A manifest's NICs pass the rules a --nic value passes (issue 11, defect 9): each row mutates a
// valid manifest and names the one-line message parseImageManifest must give, with the JSON path
// of the value, the value and the fix. Manifests of the older form ("ADDRESS/PREFIX" strings, no
// onlink or defroute) are read too, and come back in the current form.
import test from 'ava';
import type { ImageManifest, ManifestNic, StoredManifestNic } from '../src/manifest.js';
import { parseImageManifest } from '../src/manifest.js';
import { UsageError } from '../src/errors.js';
import { cidrs as A } from '@rejviz/test-support';

const nic = (fields: Partial<ManifestNic>): ManifestNic => ({
  name: 'eth0', mac: '52:54:00:aa:00:01', bootproto: 'dhcp', addresses: [], gateway: null, gateway6: null, dns: [], mtu: null, onlink: null, defroute: null, ...fields,
});

/** DHCP eth0 and static eth1 with a gateway: valid. */
function manifest(): ImageManifest {
  return {
    image: '/srv/vm.img', format: 'raw', template: 'tiny-centos7', osinfo: 'centos7.0', nicFormat: 'ifcfg',
    nics: [nic({}), nic({ name: 'eth1', mac: '52:54:00:aa:00:02', bootproto: 'static', addresses: A('10.0.0.5/24'), gateway: '10.0.0.1' })],
    command: 'virt-builder tiny-centos7',
  };
}

type Row = [title: string, mutate: (m: ImageManifest) => void, message: string];
const eth0 = (m: ImageManifest) => m.nics[0]!;
const eth1 = (m: ImageManifest) => m.nics[1]!;

const ROWS: Row[] = [
  ['the same MAC on two NICs', (m) => { eth1(m).mac = eth0(m).mac; }, 'nics[1].mac 52:54:00:aa:00:01 used by eth0 and eth1; give each NIC its own MAC'],
  ['a repeated NIC name', (m) => { eth1(m).name = 'eth0'; }, "duplicate NIC name 'eth0': nics[0] and nics[1] both name it; give each NIC its own name"],
  ['the null MAC', (m) => { eth1(m).mac = '00:00:00:00:00:00'; }, 'nics[1].mac 00:00:00:00:00:00 is the null MAC; give a real MAC'],
  ['a multicast MAC', (m) => { eth1(m).mac = '01:00:5e:00:00:01'; }, 'nics[1].mac 01:00:5e:00:00:01 is a multicast/broadcast address; use a unicast MAC (even first octet, e.g. 52:54:00:…)'],
  ['the broadcast MAC', (m) => { eth1(m).mac = 'ff:ff:ff:ff:ff:ff'; }, 'nics[1].mac ff:ff:ff:ff:ff:ff is a multicast/broadcast address'],
  ["the name '..'", (m) => { eth1(m).name = '..'; }, "nics[1].name: invalid interface name '..': must be 1-15 chars of [A-Za-z0-9_.-], not all digits, not '.' or '..'"],
  ["the name 'lo'", (m) => { eth1(m).name = 'lo'; }, "nics[1].name: interface name 'lo' is reserved (loopback); choose another name such as eth1"],
  ["the name '123'", (m) => { eth1(m).name = '123'; }, "nics[1].name: invalid interface name '123'"],
  ['a network address', (m) => { eth1(m).addresses = A('10.0.0.0/24'); }, 'nics[1].addresses[0] 10.0.0.0 is the network/broadcast address of 10.0.0.0/24; use a host address (or /31, /32)'],
  ['a broadcast address', (m) => { eth1(m).addresses = A('10.0.0.255/24'); }, 'nics[1].addresses[0] 10.0.0.255 is the network/broadcast address of 10.0.0.0/24'],
  ['a loopback address', (m) => { eth1(m).addresses = A('127.0.0.5/8'); eth1(m).gateway = null; }, 'nics[1].addresses[0] 127.0.0.5 is not a usable unicast host address (it is a loopback address)'],
  ['a malformed address', (m) => { eth1(m).addresses = A('10.0.0.256/24'); }, "invalid IPv4 address '10.0.0.256' in nics[1].addresses[0] (use a dotted quad"],
  ['a leading zero', (m) => { eth1(m).addresses = A('10.0.0.05/24'); }, "invalid IPv4 address '10.0.0.05' in nics[1].addresses[0]"],
  ['prefix /0', (m) => { eth1(m).addresses = A('10.0.0.5/0'); }, 'nics[1].addresses[0].prefix 0 is out of range for 10.0.0.5: prefix must be 1-32 (IPv4) / 1-128 (IPv6)'],
  ['prefix /33', (m) => { eth1(m).addresses = A('10.0.0.5/33'); }, 'nics[1].addresses[0].prefix 33 is out of range for 10.0.0.5'],
  ['IPv6 prefix /129 (second address)', (m) => { eth1(m).addresses = A('10.0.0.5/24', '2001:db8::5/129'); }, 'nics[1].addresses[1].prefix 129 is out of range for 2001:db8::5: prefix must be 1-32 (IPv4) / 1-128 (IPv6)'],
  ['a gateway outside the subnet without onlink', (m) => { eth1(m).gateway = '10.9.9.1'; }, 'nics[1].gateway 10.9.9.1 is not inside 10.0.0.5/24; add nics[1].onlink true or a matching prefix'],
  ['onlink without a gateway', (m) => { eth0(m).onlink = true; }, 'nics[0].onlink true has no effect without a gateway; drop it'],
  ['onlink false on a /32 with a gateway outside it', (m) => { eth1(m).addresses = A('203.0.113.15/32'); eth1(m).gateway = '203.0.113.1'; eth1(m).onlink = false; }, 'nics[1].gateway 203.0.113.1 is outside 203.0.113.15/32 and can only be reached on-link; drop nics[1].onlink false'],
  ['an IPv6 %zone', (m) => { eth1(m).addresses = A('10.0.0.5/24', 'fe80::5%eth1/64'); }, "invalid IPv6 address 'fe80::5%eth1' in nics[1].addresses[1]"],
  ['a multicast IPv6 address', (m) => { eth1(m).addresses = A('10.0.0.5/24', 'ff02::1/64'); }, 'nics[1].addresses[1] ff02::1 is not a usable unicast host address (it is a multicast address)'],
  ['the gateway is its own address', (m) => { eth1(m).gateway = '10.0.0.5'; }, "nics[1].gateway 10.0.0.5 is not a valid next hop for 10.0.0.5/24 (it is this NIC's own address)"],
  ['the gateway is the broadcast address', (m) => { eth1(m).gateway = '10.0.0.255'; }, 'nics[1].gateway 10.0.0.255 is not a valid next hop for 10.0.0.5/24 (it is the network/broadcast address of 10.0.0.0/24)'],
  ['an IPv6 gateway in gateway', (m) => { eth1(m).gateway = '2001:db8::1'; }, "nics[1].gateway '2001:db8::1' is not an IPv4 address; put IPv6 gateways in nics[1].gateway6"],
  ['an IPv4 gateway in gateway6', (m) => { eth1(m).gateway6 = '10.0.0.1'; }, "nics[1].gateway6 '10.0.0.1' is not an IPv6 address; put IPv4 gateways in nics[1].gateway"],
  ['gateway6 without an IPv6 address', (m) => { eth1(m).gateway6 = '2001:db8::1'; }, 'nics[1].gateway6 2001:db8::1 is not a valid next hop: this NIC has no static IPv6 address (add an IPv6 address to nics[1].addresses)'],
  ['a gateway6 %zone', (m) => { eth1(m).addresses = A('10.0.0.5/24', '2001:db8::5/64'); eth1(m).gateway6 = 'fe80::1%eth1'; }, "invalid IPv6 address 'fe80::1%eth1' in nics[1].gateway6"],
  ['a gateway on a DHCP NIC', (m) => { eth0(m).gateway = '10.0.0.1'; }, 'nics[0].bootproto "dhcp" cannot be combined with nics[0].gateway (the DHCP server provides the IPv4 settings); drop nics[0].gateway or use nics[0].bootproto "static"'],
  ['an address on a DHCP NIC', (m) => { eth0(m).addresses = A('10.1.0.5/24'); }, 'nics[0].bootproto "dhcp" cannot be combined with nics[0].addresses[0]'],
  ['an IPv4 address with bootproto none', (m) => { eth0(m).bootproto = 'none'; eth0(m).addresses = A('10.1.0.5/24'); }, 'nics[0].bootproto "none" cannot be combined with nics[0].addresses[0] (nics[0].bootproto "none" configures no IPv4)'],
  ['static without an IPv4 address', (m) => { eth1(m).addresses = A('2001:db8::5/64'); eth1(m).gateway = null; }, 'nics[1].bootproto "static" requires an IPv4 address in nics[1].addresses (bootproto describes IPv4; for IPv6 only use nics[1].bootproto "none")'],
  ['an IPv4 DNS server with bootproto none', (m) => { eth0(m).bootproto = 'none'; eth0(m).dns = ['1.1.1.1']; }, 'nics[0].dns[0] 1.1.1.1 is IPv4 but nics[0].bootproto "none" gives this NIC no IPv4; give an IPv6 server or an IPv4 address in nics[0].addresses'],
  ['a DNS name', (m) => { eth1(m).dns = ['10.0.0.2', 'example.com']; }, "nics[1].dns[1] must be an IP address, got 'example.com'"],
  ['MTU below 1280 with IPv6', (m) => { eth1(m).addresses = A('10.0.0.5/24', '2001:db8::5/64'); eth1(m).mtu = 1000; }, 'nics[1].mtu 1000 out of range: IPv6 needs at least 1280'],
  ['two IPv4 default gateways', (m) => { m.nics[0] = nic({ bootproto: 'static', addresses: A('10.1.0.5/24'), gateway: '10.1.0.1' }); }, 'nics[0] (eth0) and nics[1] (eth1) both set an IPv4 default gateway; keep a gateway on one NIC only, or set defroute to false on the others'],
];

for (const [title, mutate, message] of ROWS) {
  test(`refuses ${title}`, async (t) => {
    const doc = manifest();
    mutate(doc);
    const error = await t.throwsAsync(parseImageManifest(JSON.stringify(doc), 'vm.json'), { instanceOf: UsageError });
    t.true(error?.message.startsWith(`--manifest vm.json: ${message}`), `message: ${error?.message}\nexpected to start: --manifest vm.json: ${message}`);
    t.false(error?.message.includes('\n'), 'one line');
  });
}

test('the unmutated manifest is valid, so every refusal above is its row', async (t) => {
  await t.notThrowsAsync(parseImageManifest(JSON.stringify(manifest()), 'vm.json'));
});

const ACCEPTED: Row[] = [
  ['DNS servers on a DHCP NIC (defect 18)', (m) => { eth0(m).dns = ['1.1.1.1', '2001:db8::53']; }, ''],
  ['a gateway outside the subnet with onlink true', (m) => { eth1(m).gateway = '10.9.9.1'; eth1(m).onlink = true; }, ''],
  ['two IPv4 gateways when one NIC has defroute false', (m) => { m.nics[0] = nic({ bootproto: 'static', addresses: A('10.1.0.5/24'), gateway: '10.1.0.1', defroute: false }); }, ''],
  ['a /32 with a gateway outside it', (m) => { eth1(m).addresses = A('203.0.113.15/32'); eth1(m).gateway = '203.0.113.1'; }, ''],
  ['dual stack with a link-local IPv6 gateway', (m) => { eth1(m).addresses = A('10.0.0.5/24', '2001:db8::5/64'); eth1(m).gateway6 = 'fe80::1'; }, ''],
  ['IPv6 only with bootproto none and an IPv6 DNS server', (m) => { eth0(m).bootproto = 'none'; eth0(m).addresses = A('2001:db8::5/64'); eth0(m).dns = ['2001:db8::53']; }, ''],
];

for (const [title, mutate] of ACCEPTED) {
  test(`accepts ${title}`, async (t) => {
    const doc = manifest();
    mutate(doc);
    await t.notThrowsAsync(parseImageManifest(JSON.stringify(doc), 'vm.json'));
  });
}

test('the NICs come back checked and canonical, in the form they were written in otherwise', async (t) => {
  const doc = manifest();
  eth1(doc).addresses = A('10.0.0.5/24', '2001:DB8:0::5/64');
  eth1(doc).mac = '52-54-00-AA-00-02';
  const read = await parseImageManifest(JSON.stringify(doc), 'vm.json');
  t.deepEqual(read.nics[1], { ...eth1(manifest()), addresses: A('10.0.0.5/24', '2001:db8::5/64') });
  t.deepEqual(read.nics[0], eth0(manifest()));
});

/** The manifest of manifest() as rejviz-builder wrote it before the NIC kept its structure. */
function olderManifest(): Omit<ImageManifest, 'nics'> & { nics: StoredManifestNic[] } {
  const strip = ({ onlink: _o, defroute: _d, ...rest }: ManifestNic): StoredManifestNic => ({ ...rest, addresses: rest.addresses.map((a) => `${a.address}/${a.prefix}`) });
  return { ...manifest(), nics: manifest().nics.map(strip) };
}

test('an older manifest ("ADDRESS/PREFIX" strings, no onlink or defroute) is read, and returned in the current form', async (t) => {
  const doc = olderManifest();
  t.deepEqual(doc.nics[1]!.addresses, ['10.0.0.5/24']);
  t.false('onlink' in doc.nics[1]!);
  t.deepEqual(await parseImageManifest(JSON.stringify(doc), 'vm.json'), manifest());
});

test("an older manifest's gateway outside the subnet was on-link by declaration, and is read so", async (t) => {
  const doc = olderManifest();
  doc.nics[1]!.gateway = '10.9.9.1';
  const read = await parseImageManifest(JSON.stringify(doc), 'vm.json');
  t.is(read.nics[1]!.onlink, true);
  t.is(read.nics[0]!.onlink, null);
});

type OlderManifest = ReturnType<typeof olderManifest>;
const OLDER_ROWS: [string, (m: OlderManifest) => void, string][] = [
  ['no prefix', (m) => { m.nics[1]!.addresses = ['10.0.0.5']; }, "nics[1].addresses[0] '10.0.0.5' needs a prefix length in range: prefix must be 1-32 (IPv4) / 1-128 (IPv6) (e.g. 10.0.0.5/24)"],
  ['prefix /0', (m) => { m.nics[1]!.addresses = ['10.0.0.5/0']; }, "nics[1].addresses[0] '10.0.0.5/0' needs a prefix length in range"],
  ['IPv6 prefix /129 (second address)', (m) => { m.nics[1]!.addresses = ['10.0.0.5/24', '2001:db8::5/129']; }, "nics[1].addresses[1] '2001:db8::5/129' needs a prefix length in range: prefix must be 1-32 (IPv4) / 1-128 (IPv6) (e.g. 2001:db8::5/64)"],
  ['an IPv6 %zone', (m) => { m.nics[1]!.addresses = ['10.0.0.5/24', 'fe80::5%eth1/64']; }, "invalid IPv6 address 'fe80::5%eth1' in nics[1].addresses[1]"],
  ['a network address', (m) => { m.nics[1]!.addresses = ['10.0.0.0/24']; }, 'nics[1].addresses[0] 10.0.0.0 is the network/broadcast address of 10.0.0.0/24'],
];

for (const [title, mutate, message] of OLDER_ROWS) {
  test(`an older manifest: refuses ${title}`, async (t) => {
    const doc = olderManifest();
    mutate(doc);
    const error = await t.throwsAsync(parseImageManifest(JSON.stringify(doc), 'vm.json'), { instanceOf: UsageError });
    t.true(error?.message.startsWith(`--manifest vm.json: ${message}`), `message: ${error?.message}\nexpected to start: --manifest vm.json: ${message}`);
  });
}

test('the schema states the structure: an address object needs its prefix, as an integer', async (t) => {
  for (const address of [{ address: '10.0.0.5' }, { address: '10.0.0.5', prefix: '24' }, { address: '10.0.0.5', prefix: 24, scope: 'global' }, 5]) {
    const doc = manifest() as unknown as { nics: { addresses: unknown[] }[] };
    doc.nics[1]!.addresses = [address];
    await t.throwsAsync(parseImageManifest(JSON.stringify(doc), 'vm.json'), { message: /^--manifest vm\.json: \/nics\/1\/addresses\/0(\/prefix)?: must /, instanceOf: UsageError }, JSON.stringify(address));
  }
});

test('a relative image path is refused in plain words', async (t) => {
  const doc = { ...manifest(), image: 'vm.img' };
  await t.throwsAsync(parseImageManifest(JSON.stringify(doc), 'vm.json'), { message: /^--manifest vm\.json: image \S+ is not an absolute path; write the image.s absolute path/ });
});
