// One validator (issue 11, defect 9): what --nic accepts, written into a manifest by
// rejviz-builder (manifestNic), passes the manifest reader's rules, which are the same core rules.

import test from 'ava';
import { parseImageManifest, type ImageManifest } from '@rejviz/core';
import { manifestNic } from '@rejviz/core/nic';
import { planNics } from '../src/index.js';
import { CASES } from './nic-fixtures.js';

function manifestOf(values: string[]): string {
  const doc: ImageManifest = {
    image: '/srv/vm.img', format: 'raw', template: 't', osinfo: null, nicFormat: 'ifcfg',
    nics: planNics(values).nics.map(manifestNic), command: 'virt-builder t',
  };
  return JSON.stringify(doc);
}

for (const [name, { option }] of Object.entries(CASES)) {
  test(`the manifest of fixture ${name} passes the manifest rules`, async (t) => {
    await t.notThrowsAsync(parseImageManifest(manifestOf([option]), 'vm.json'));
  });
}

test('defroute=no and onlink=yes are in the manifest as --nic gave them, and two gateway NICs still pass', async (t) => {
  const values = ['name=eth0,ipaddr=10.0.0.5/24,gateway=10.0.0.1', 'name=eth1,ipaddr=10.1.0.5/24,gateway=10.9.0.1,onlink=yes,defroute=no'];
  const doc = JSON.parse(manifestOf(values)) as ImageManifest;
  t.deepEqual(doc.nics.map((n) => [n.gateway, n.onlink, n.defroute]), [['10.0.0.1', null, null], ['10.9.0.1', true, false]]);
  t.deepEqual((await parseImageManifest(JSON.stringify(doc), 'vm.json')).nics, doc.nics);
});

test('the manifest keeps each address with its prefix, both families', async (t) => {
  const doc = JSON.parse(manifestOf(['name=eth0,ipaddr=10.0.0.5,netmask=255.255.0.0,ip6addr=2001:DB8::5/64'])) as ImageManifest;
  t.deepEqual(doc.nics[0]!.addresses, [{ address: '10.0.0.5', prefix: 16 }, { address: '2001:db8::5', prefix: 64 }]);
});

test('a DHCP NIC with DNS servers makes a valid manifest (defect 18)', async (t) => {
  await t.notThrowsAsync(parseImageManifest(manifestOf(['name=eth0,bootproto=dhcp,dns1=1.1.1.1']), 'vm.json'));
});

test('the same rule refuses the same MAC in both readers', async (t) => {
  const both = ['name=eth0,hwaddr=52:54:00:aa:00:01', 'name=eth1,hwaddr=52:54:00:aa:00:02'];
  const doc = JSON.parse(manifestOf(both)) as ImageManifest;
  doc.nics[1]!.mac = doc.nics[0]!.mac;
  await t.throwsAsync(parseImageManifest(JSON.stringify(doc), 'vm.json'), { message: '--manifest vm.json: nics[1].mac 52:54:00:aa:00:01 used by eth0 and eth1; give each NIC its own MAC' });
  t.throws(() => planNics([both[0]!, 'name=eth1,hwaddr=52:54:00:aa:00:01']), {
    message: 'hwaddr 52:54:00:aa:00:01 used by eth0 and eth1; give each NIC its own MAC (or omit hwaddr to generate one)',
  });
});
