// NICs given as data (a library request, a lab file): the same typed NicSpec[] as --nic gives,
// through the option's own schema and parse, and the same rules with messages naming the key path.
import test from 'ava';
import { optionValuesFromCli, optionValuesFromData, UsageError } from '@rejviz/core';
import { nicPlugin } from '../src/plugin.js';

const options = nicPlugin().options ?? [];

test('objects, compact strings and --nic give the same NICs', async (t) => {
  const fromData = await optionValuesFromData(options, {
    nics: [{ name: 'eth0', hwaddr: '52:54:00:aa:00:01', ipaddr: '198.51.100.5/24', mtu: 9000, defroute: false }, 'name=eth1,hwaddr=52:54:00:aa:00:02'],
    nicFormat: 'ifcfg',
  });
  const fromCli = await optionValuesFromCli(options, {
    '--nic': ['name=eth0,hwaddr=52:54:00:aa:00:01,ipaddr=198.51.100.5/24,mtu=9000,defroute=no', 'name=eth1,hwaddr=52:54:00:aa:00:02'],
    '--nic-format': 'ifcfg',
  });
  t.deepEqual(fromData.values, fromCli.values);
  t.is((fromData.values.nics as { name: string }[])[1]!.name, 'eth1');
});

test('bad data is refused with the key path, the value and the fix', async (t) => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ nics: [{ name: 'eth0', ipadr: '198.51.100.5' }] }, /^options\.nics\[0\] \(eth0\): unknown key 'ipadr' \(known: name, hwaddr/],
    [{ nics: [{ name: 'eth0' }, { name: 'eth0' }] }, /duplicate NIC name 'eth0'/],
    [{ nics: [{ name: 'eth0', hwaddr: '01:00:5e:00:00:01' }] }, /^options\.nics\[0\] \(eth0\): hwaddr 01:00:5e:00:00:01 is a multicast/],
    [{ nics: [{ name: 'eth0', ipaddr: ['x'] }] }, /^options\.nics\[0\] \(eth0\): key 'ipaddr' must be a string, number or boolean/],
    [{ nics: [5] }, /^options\.nics\[0\]: is none of the forms the option takes; see --nic/],
    [{ nics: 'name=eth0' }, /^options\.nics: must be array; see --nic/],
    [{ nicFormat: 'yaml' }, /^options\.nicFormat: must be equal to one of the allowed values; see --nic-format/],
    [{ nic: [] }, /^options\.nic: no such option \(known: nics, nicFormat\)/],
  ];
  for (const [data, message] of cases) {
    const err = await t.throwsAsync(optionValuesFromData(options, data), { instanceOf: UsageError }, JSON.stringify(data));
    t.regex(err?.message ?? '', message);
  }
});
