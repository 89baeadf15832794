// rejviz-up status's table: each NIC's addresses with how they were learned, or why there are none.
import test from 'ava';
import { statusText } from '../src/print.js';
import type { MachineStatus } from '../src/lifecycle/lab-status.js';

const machine = (name: string, state: string, nics: MachineStatus['nics'], management: MachineStatus['management'] = null): MachineStatus => ({ machine: name, domain: `lab_${name}`, state, template: 'debian', created: null, ageSeconds: 42, nics, management, templateSource: null });

test('addresses with their source, several of one NIC together; a NIC without any shows - and why', (t) => {
  t.is(statusText('lab', [
    machine('db', 'running', [
      { network: 'lab_lan', mac: '52:54:00:0a:00:01', address: '198.51.100.10/24', addresses: [{ address: '198.51.100.10/24', source: 'planned' }], source: 'planned' },
      { network: 'default', mac: '52:54:00:0a:00:02', address: '192.168.122.5/24', addresses: [{ address: '192.168.122.5/24', source: 'agent' }, { address: '2001:db8::5/64', source: 'agent' }], source: 'agent' },
    ]),
    machine('web', 'shut off', [{ network: 'lab_lan', mac: '52:54:00:0a:00:03', address: null, addresses: [], source: null, why: 'the machine is not running (shut off)' }]),
    machine('x', 'running', []),
    machine('y', 'running', [], { host: '127.0.0.1', port: 20914 }),
  ]), [
    'MACHINE  STATE     TEMPLATE  AGE  ADDRESSES',
    'db       running   debian    42s  198.51.100.10/24 (planned), 192.168.122.5/24 2001:db8::5/64 (agent)',
    'web      shut off  debian    42s  - (the machine is not running (shut off))',
    'x        running   debian    42s  -',
    'y        running   debian    42s  ssh 127.0.0.1:20914 (management)',
    '',
  ].join('\n'));
});

test("a machine of a cloud image template shows the image and its verification level, unverified plainly", (t) => {
  const from = (source: string, level: 'signed' | 'unverified') => ({ kind: 'image' as const, source, url: `https://example.invalid/${source}.qcow2`, digest: `sha256:${'ab'.repeat(32)}`, level });
  t.is(statusText('lab', [
    { ...machine('a', 'running', []), templateSource: from('debian-12', 'signed') },
    { ...machine('b', 'running', []), templateSource: from('https://example.invalid/x.qcow2', 'unverified') },
    { ...machine('c', 'running', []), templateSource: { kind: 'virt-builder', template: 'debian-12' } },
  ]), [
    'MACHINE  STATE    TEMPLATE                                                    AGE  ADDRESSES',
    'a        running  debian (image debian-12, signed)                            42s  -',
    'b        running  debian (image https://example.invalid/x.qcow2, unverified)  42s  -',
    'c        running  debian                                                      42s  -',
    '',
  ].join('\n'));
});
