// Group names: the lab file's groups plus one per template, made valid for ansible, never merged.
import test from 'ava';
import { UsageError } from '@rejviz/core';
import { ansibleGroupName, inventoryGroups, type InventoryLab } from '../src/index.js';
import { demoLab, machine } from './fixtures.js';

test('groups of the lab file in order of first use, then one per template, each with its machines', (t) => {
  t.deepEqual(
    inventoryGroups(demoLab()).map((g) => [g.name, g.from.kind, g.from.name, g.hosts]),
    [
      ['web_servers', 'group', 'web-servers', ['web-1', 'web-2']],
      ['frontend', 'group', 'frontend', ['web-1']],
      ['_2nd_tier', 'group', '2nd-tier', ['db']],
      ['template_debian_12', 'template', 'debian-12', ['web-1', 'web-2']],
      ['template_el9_4', 'template', 'el9.4', ['db']],
    ],
  );
});

const names: [string, string][] = [
  ['web', 'web'],
  ['Web_1', 'Web_1'],
  ['web-servers', 'web_servers'],
  ['web.servers eu', 'web_servers_eu'],
  ['1st', '_1st'],
  ['_x', '_x'],
  ['grüne', 'gr_ne'],
  ['', '_'],
];
for (const [name, group] of names) {
  test(`group name ${JSON.stringify(name)} → ${group}`, (t) => t.is(ansibleGroupName(name), group));
}

function lab(...machines: InventoryLab['machines']): InventoryLab {
  return { lab: 'demo', privateKeyFile: '/k', knownHostsFile: '/kh', machines };
}

test('two lab file groups that become one name are an error naming both', (t) => {
  const error = t.throws(() => inventoryGroups(lab(machine('a', { groups: ['web-1'] }), machine('b', { groups: ['web_1'] }))), { instanceOf: UsageError });
  t.is(error?.message, "lab demo: group 'web-1' and group 'web_1' both become ansible group 'web_1' (ansible group names are letters, digits and '_'); rename one of them in the lab file");
});

test('a lab file group taking a template group name is an error', (t) => {
  const error = t.throws(() => inventoryGroups(lab(machine('a', { groups: ['template_debian_12'] }))), { instanceOf: UsageError });
  t.is(error?.message, "lab demo: group 'template_debian_12' and template 'debian-12' both become ansible group 'template_debian_12' (ansible group names are letters, digits and '_'); rename one of them in the lab file");
});

test("ansible's own groups cannot be lab file groups", (t) => {
  for (const name of ['all', 'ungrouped']) {
    t.throws(() => inventoryGroups(lab(machine('a', { groups: [name] }))), { message: `lab demo: group '${name}' would be ansible's own group '${name}'; rename it in the lab file` });
  }
});

test('machine names must be unique and usable as host names', (t) => {
  t.throws(() => inventoryGroups(lab(machine('a'), machine('a'))), { message: /machine 'a' is there twice/ });
  t.throws(() => inventoryGroups(lab(machine('a:1'))), { message: /machine name 'a:1' cannot be an inventory host name/ });
});
