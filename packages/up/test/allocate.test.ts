// Addresses and MACs decided before anything is created: deterministic, clear of what is taken,
// and kept across runs.

import test from 'ava';
import { parseNetworkXml } from '@rejviz/core/libvirt-xml';
import { libvirtFixture } from '@rejviz/test-support';
import { allocateLab, loadLab, type Lab } from '../src/index.js';

const LAB = `name: a
templates: { t: { base: debian-12 } }
networks:
  lab: { subnet: 198.51.100.0/29, gateway: 198.51.100.1 }
machines:
  - { name: s, template: t, nics: [{ network: lab, address: 198.51.100.3 }] }
  - { name: m, template: t, count: 2, nics: [{ network: lab }] }
`;

// Counts up from 1 so that each MAC is predictable.
function counter(): (n: number) => Uint8Array {
  let next = 0;
  return (n) => Uint8Array.from({ length: n }, () => ++next % 256);
}

const load = (text: string, libvirtNetworks?: Parameters<typeof loadLab>[0]['libvirtNetworks']): Promise<Lab> => loadLab({ file: 'rejviz.yaml', text, libvirtNetworks });

test('auto addresses: lowest free first, past the gateway and the static ones; new MACs under 52:54:00', async (t) => {
  const got = allocateLab(await load(LAB), { random: counter() });
  t.deepEqual(got, [
    { name: 's', nics: [{ network: 'lab', mac: '52:54:00:01:02:03', address: { address: '198.51.100.3', prefix: 29 }, gateway: '198.51.100.1' }] },
    { name: 'm-1', nics: [{ network: 'lab', mac: '52:54:00:04:05:06', address: { address: '198.51.100.2', prefix: 29 }, gateway: '198.51.100.1' }] },
    { name: 'm-2', nics: [{ network: 'lab', mac: '52:54:00:07:08:09', address: { address: '198.51.100.4', prefix: 29 }, gateway: '198.51.100.1' }] },
  ]);
});

test("what others use is skipped; an earlier run's choices are kept, a taken one is replaced", async (t) => {
  const lab = await load(LAB);
  const first = allocateLab(lab, { random: counter(), takenAddresses: new Map([['lab', new Set(['198.51.100.2'])]]), takenMacs: new Set(['52:54:00:04:05:06']) });
  t.deepEqual(first.map((m) => [m.name, m.nics[0]!.address?.address, m.nics[0]!.mac]), [
    ['s', '198.51.100.3', '52:54:00:01:02:03'],
    ['m-1', '198.51.100.4', '52:54:00:07:08:09'],
    ['m-2', '198.51.100.5', '52:54:00:0a:0b:0c'],
  ]);
  // Next run: m-1's address went to someone else meanwhile; m-2 keeps everything.
  const again = allocateLab(lab, { random: counter(), previous: first, takenAddresses: new Map([['lab', new Set(['198.51.100.4'])]]) });
  t.deepEqual(again.map((m) => [m.name, m.nics[0]!.address?.address, m.nics[0]!.mac]), [
    ['s', '198.51.100.3', '52:54:00:01:02:03'],
    ['m-1', '198.51.100.2', '52:54:00:07:08:09'],
    ['m-2', '198.51.100.5', '52:54:00:0a:0b:0c'],
  ]);
  t.deepEqual(allocateLab(lab, { random: counter(), previous: again }), again, 'nothing changed: the same allocation');
});

test('a full subnet is an input error naming the network and the machine', async (t) => {
  const lab = await load(LAB.replace('count: 2', 'count: 5'));
  const err = t.throws(() => allocateLab(lab, { random: counter() }));
  t.is(err?.message, 'networks.lab: no free address left in 198.51.100.0/29 for m-5 (the DHCP range and reservations, the gateway and the addresses in use are excluded); use a wider subnet or give fewer machines an auto address');
});

test("an existing network's host address, DHCP range and reservation are never handed out", async (t) => {
  // rejviz-lab: the host is 198.51.100.1, DHCP hands out .100-.199 and keeps .9 for one MAC.
  const nets = [parseNetworkXml(libvirtFixture('rejviz-lab-network.xml'))];
  const text = `name: b
templates: { t: { base: debian-12 } }
networks: { n: { existing: rejviz-lab } }
machines: [{ name: m, template: t, count: 100, nics: [{ network: n }] }]
`;
  const got = allocateLab(await load(text, nets), { random: counter() }).map((m) => m.nics[0]!.address!.address);
  t.is(got[0], '198.51.100.2');
  t.false(got.includes('198.51.100.9'));
  t.is(got[96], '198.51.100.99');
  t.deepEqual(got.slice(97), ['198.51.100.200', '198.51.100.201', '198.51.100.202']);
  t.is(new Set(got).size, 100);
});

test("an existing network's DHCP reservations (<host ip= mac=>) are never handed out, and a static address on one is refused", async (t) => {
  const nets = [parseNetworkXml(`<network><name>resv</name><forward mode='route'/><ip address='198.51.100.1' prefix='24'><dhcp>
    <range start='198.51.100.100' end='198.51.100.199'/>
    <host mac='52:54:00:AA:BB:CC' name='printer' ip='198.51.100.2'/>
    <host name='by-name-only' ip='198.51.100.3'/>
    <host mac='52:54:00:00:00:01' name='no-ip'/>
  </dhcp></ip></network>`)];
  t.deepEqual(nets[0]!.ips[0]!.dhcpHosts, [
    { ip: '198.51.100.2', mac: '52:54:00:aa:bb:cc', name: 'printer' },
    { ip: '198.51.100.3', mac: null, name: 'by-name-only' },
  ]);
  const text = (address: string) => `name: c
templates: { t: { base: debian-12 } }
networks: { n: { existing: resv } }
machines: [{ name: m, template: t, count: 2, nics: [{ network: n${address} }] }]
`;
  const got = allocateLab(await load(text(''), nets), { random: counter() }).map((m) => m.nics[0]!.address!.address);
  t.deepEqual(got, ['198.51.100.4', '198.51.100.5']);
  const err = await t.throwsAsync(load(text(', address: 198.51.100.2'), nets));
  t.regex(err!.message, /198\.51\.100\.2.*is reserved by a DHCP host entry of resv \(printer, 52:54:00:aa:bb:cc\)/);
});

test('a management NIC gets a MAC of its own, clear of the NICs\' and the taken ones, kept across runs', async (t) => {
  const lab = await load(LAB.replace("  - { name: s, template: t,", "  - { name: s, template: t, management: true,"));
  const first = allocateLab(lab, { random: counter(), takenMacs: new Set(['52:54:00:04:05:06']) });
  t.deepEqual(first[0]!.management, { mac: '52:54:00:07:08:09' }, 'after the NIC\'s, skipping the taken one');
  t.false('management' in first[1]!, 'only the machine that asks for one');
  const again = allocateLab(lab, { random: counter(), previous: first });
  t.deepEqual(again.map((m) => m.management?.mac ?? null), ['52:54:00:07:08:09', null, null], 'kept');
  const taken = allocateLab(lab, { random: counter(), previous: first, takenMacs: new Set(['52:54:00:07:08:09']) });
  t.not(taken[0]!.management!.mac, '52:54:00:07:08:09', 'a kept MAC another domain took now is replaced');
});
