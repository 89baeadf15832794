// The dynamic inventory's answers (that ansible reads --list as the YAML inventory is checked in
// ansible-inventory.test.ts).
import test from 'ava';
import { UsageError } from '@rejviz/core';
import { dynamicHost, dynamicList, hostVars } from '../src/index.js';
import { demoLab } from './fixtures.js';

test('--list: every group with its hosts, all with the groups as children, every host variable in _meta', (t) => {
  const lab = demoLab();
  const list = dynamicList(lab);
  t.deepEqual(Object.keys(list), ['_meta', 'all', 'web_servers', 'frontend', '_2nd_tier', 'template_debian_12', 'template_el9_4']);
  t.deepEqual(list.all, { children: ['web_servers', 'frontend', '_2nd_tier', 'template_debian_12', 'template_el9_4'] });
  t.deepEqual(list.web_servers, { hosts: ['web-1', 'web-2'] });
  t.deepEqual(list._meta.hostvars.db, hostVars(lab, lab.machines[2]!));
});

test('--host: that machine, or an error naming the machines there are', (t) => {
  const lab = demoLab();
  t.deepEqual(dynamicHost(lab, 'web-2'), hostVars(lab, lab.machines[1]!));
  t.throws(() => dynamicHost(lab, 'web-3'), { instanceOf: UsageError, message: "--host 'web-3': lab demo has no machine of that name; its machines are: web-1, web-2, db" });
});
