// Connection variables; that ansible and ssh read them as meant is checked with the real tools in
// ansible-inventory.test.ts.
import test from 'ava';
import { UsageError } from '@rejviz/core';
import { hostVars, sshCommonArgs, sshPathValue } from '../src/index.js';
import { demoLab } from './fixtures.js';

test('every variable of a machine on a forwarded port; the port is a number', (t) => {
  const lab = demoLab();
  t.deepEqual(hostVars(lab, lab.machines[0]!), {
    ansible_host: '127.0.0.1',
    ansible_port: 2201,
    ansible_user: 'labadmin',
    ansible_ssh_private_key_file: '/var/lib/rejviz/labs/demo/id_ed25519',
    ansible_python_interpreter: '/usr/bin/python3',
    ansible_ssh_common_args:
      '-o StrictHostKeyChecking=yes -o UserKnownHostsFile=/var/lib/rejviz/labs/demo/known_hosts -o GlobalKnownHostsFile=/dev/null -o HostKeyAlias=demo-web-1 -o ControlMaster=no -o ControlPath=none -o IdentitiesOnly=yes',
    ansible_ssh_host_key_checking: true,
  });
  t.is(hostVars({ ...lab, python: '/usr/libexec/platform-python' }, lab.machines[2]!).ansible_python_interpreter, '/usr/libexec/platform-python');
});

test('a known_hosts path with a blank, a quote and a % is quoted for shlex, then for ssh', (t) => {
  t.is(
    sshCommonArgs("/tmp/my labs/it's 100%/known_hosts", 'demo-db').split(' -o ')[1],
    `'UserKnownHostsFile="/tmp/my labs/it'\\''s 100%%/known_hosts"'`,
  );
  t.is(sshPathValue('/a/"b"\\c', 'f'), '"/a/\\"b\\"\\\\c"');
});

const refused: [string, () => unknown, RegExp][] = [
  ['a relative known_hosts path', () => sshCommonArgs('labs/known_hosts', 'x'), /known_hosts file 'labs\/known_hosts': it is not an absolute path/],
  ['${VAR} in a path', () => sshCommonArgs('/home/${USER}/kh', 'x'), /it has '\$\{', which ssh expands as an environment variable/],
  ['a Jinja template in a path', () => sshCommonArgs('/tmp/{{ x }}/kh', 'x'), /known_hosts file '\/tmp\/\{\{ x \}\}\/kh': ansible cannot take it/],
  ['a newline in a path', () => sshCommonArgs('/tmp/a\nb', 'x'), /known_hosts file '\/tmp\/a\\x0ab'/],
  ['a blank in the alias', () => sshCommonArgs('/kh', 'a b'), /host key alias 'a b'/],
  ['% in the private key path', () => hostVars({ ...demoLab(), privateKeyFile: '/tmp/100%/id' }, demoLab().machines[0]!), /private key file '\/tmp\/100%\/id': it has '"', '\\' or '%'/],
  ['port 0', () => hostVars(demoLab(), { ...demoLab().machines[0]!, port: 0 }), /ssh port 0 is not a port number/],
];
for (const [what, call, message] of refused) {
  test(`refuses ${what}`, (t) => {
    t.throws(call, { instanceOf: UsageError, message });
  });
}
