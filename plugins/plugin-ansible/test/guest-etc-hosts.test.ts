// The guest's /etc/hosts as a cloud-config write_files entry.
import test from 'ava';
import { guestHostsWriteFile } from '../src/index.js';
import { demoLab } from './fixtures.js';

test("a guest's /etc/hosts: localhost, its own name on 127.0.1.1, Debian's IPv6 lines, the other machines", (t) => {
  t.deepEqual(guestHostsWriteFile(demoLab(), 'db'), {
    path: '/etc/hosts',
    permissions: '0644',
    owner: 'root:root',
    content: [
      '127.0.0.1 localhost',
      '127.0.1.1 pg.demo pg',
      '',
      '# The following lines are desirable for IPv6 capable hosts',
      '::1 localhost ip6-localhost ip6-loopback',
      'ff02::1 ip6-allnodes',
      'ff02::2 ip6-allrouters',
      '',
      '# BEGIN rejviz-up lab demo',
      '10.10.0.11 web-1 web-1.demo',
      '10.10.0.12 web-2 web-2.demo',
      '# END rejviz-up lab demo',
      '',
    ].join('\n'),
  });
});

test('no other machine on a lab network: no block', (t) => {
  const lab = demoLab();
  lab.machines = lab.machines.slice(0, 1);
  t.false(guestHostsWriteFile(lab, 'web-1').content.includes('BEGIN'));
  t.true(guestHostsWriteFile(lab, 'web-1').content.includes('127.0.1.1 web-1.demo web-1\n'));
});

test('an unknown machine is an error', (t) => {
  t.throws(() => guestHostsWriteFile(demoLab(), 'nope'), { message: "lab demo has no machine 'nope'" });
});
