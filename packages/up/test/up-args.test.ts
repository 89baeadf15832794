// rejviz-up's own arguments for the access verbs: ssh MACHINE [--] CMD..., scp operands, sftp MACHINE.
import test from 'ava';
import { readUpArgs } from '../src/up-args.js';

test('ssh MACHINE: everything after the machine is the command, options included (the -- before it is taken by the option parser)', (t) => {
  t.like(readUpArgs(['ssh', 'db']), { verb: 'ssh', machine: 'db', operands: [] });
  t.like(readUpArgs(['-c', 'qemu:///system', 'ssh', 'db', 'ls', '-la', '-c', 'x']), { verb: 'ssh', uri: 'qemu:///system', machine: 'db', operands: ['ls', '-la', '-c', 'x'] });
  t.like(readUpArgs(['-f', 'lab.yaml', 'sftp', 'web-1']), { verb: 'sftp', file: 'lab.yaml', machine: 'web-1', operands: [] });
  t.like(readUpArgs(['scp', 'db:/etc/hosts', './hosts', '-c', 'qemu:///system']), { verb: 'scp', uri: 'qemu:///system', operands: ['db:/etc/hosts', './hosts'] });
  t.like(readUpArgs(['ssh-config']), { verb: 'ssh-config', machine: null });
  t.like(readUpArgs(['inventory']), { verb: 'inventory' });
});

test('ssh and sftp without a machine are refused with an example', (t) => {
  t.regex(t.throws(() => readUpArgs(['ssh']))!.message, /^ssh needs a MACHINE of the lab; e\.g\. rejviz-up ssh db -- uptime$/);
  t.regex(t.throws(() => readUpArgs(['sftp']))!.message, /^sftp needs a MACHINE of the lab; e\.g\. rejviz-up sftp db$/);
  t.regex(t.throws(() => readUpArgs(['ssh-config', 'db']))!.message, /^one verb at a time: got ssh-config and 'db'/);
});
