// The operation table: the exact argv of every operation kind, and which guestfs-tools versions
// accept it.
import test from 'ava';
import { UsageError } from '../src/errors.js';
import { checkOpsSupported, toolHas } from '../src/op-support.js';
import { OP_TABLE, renderOp } from '../src/op-table.js';
import type { Op, OpKind, OpOf } from '../src/ops.js';
import { compareVersions } from '../src/version.js';

// Typed so that a new operation kind does not compile until it has a case here.
const CASES: { [K in OpKind]: [Omit<OpOf<K>, 'origin'>, string[]] } = {
  write: [{ kind: 'write', path: '/etc/motd', content: 'a: b\nc\n' }, ['--write', '/etc/motd:a: b\nc\n']],
  mkdir: [{ kind: 'mkdir', path: '/etc/x/y' }, ['--mkdir', '/etc/x/y']],
  upload: [{ kind: 'upload', source: '/tmp/key', dest: '/root/key' }, ['--upload', '/tmp/key:/root/key']],
  chmod: [{ kind: 'chmod', mode: 0o600, path: '/etc/x' }, ['--chmod', '0600:/etc/x']],
  delete: [{ kind: 'delete', path: '/etc/netplan/50-cloud-init.yaml' }, ['--delete', '/etc/netplan/50-cloud-init.yaml']],
  link: [{ kind: 'link', target: '/lib/t', links: ['/a', '/b'] }, ['--link', '/lib/t:/a:/b']],
  'run-command': [{ kind: 'run-command', command: 'grep -q x /f || echo x >> /f' }, ['--run-command', 'grep -q x /f || echo x >> /f']],
  run: [{ kind: 'run', script: '/tmp/s.sh' }, ['--run', '/tmp/s.sh']],
  'firstboot-command': [{ kind: 'firstboot-command', command: 'touch /x' }, ['--firstboot-command', 'touch /x']],
  hostname: [{ kind: 'hostname', hostname: 'vm1.example.org' }, ['--hostname', 'vm1.example.org']],
  'root-password': [{ kind: 'root-password', selector: 'file:/run/pw' }, ['--root-password', 'file:/run/pw']],
  'ssh-inject': [{ kind: 'ssh-inject', user: 'root' }, ['--ssh-inject', 'root']],
  install: [{ kind: 'install', packages: ['vim', 'curl'] }, ['--install', 'vim,curl']],
  'sm-credentials': [{ kind: 'sm-credentials', selector: 'me:file:/run/sm' }, ['--sm-credentials', 'me:file:/run/sm']],
  'sm-register': [{ kind: 'sm-register' }, ['--sm-register']],
  'sm-attach': [{ kind: 'sm-attach', selector: 'pool:abc' }, ['--sm-attach', 'pool:abc']],
  'sm-remove': [{ kind: 'sm-remove' }, ['--sm-remove']],
  'sm-unregister': [{ kind: 'sm-unregister' }, ['--sm-unregister']],
};

type Bare<T> = T extends unknown ? Omit<T, 'origin'> : never;
const op = (o: Bare<Op>, origin = 'plugin-test'): Op => ({ ...o, origin }) as Op;

for (const kind of Object.keys(OP_TABLE) as OpKind[]) {
  test(`renderOp: ${kind}`, (t) => {
    const [o, argv] = CASES[kind];
    t.deepEqual(renderOp(op(o as Bare<Op>)), argv);
  });
}

test('renderOp: ssh-inject with a key file, a chmod with setuid and a 3-digit mode', (t) => {
  t.deepEqual(renderOp(op({ kind: 'ssh-inject', user: 'alice', keyFile: '/k.pub' })), ['--ssh-inject', 'alice:file:/k.pub']);
  t.deepEqual(renderOp(op({ kind: 'chmod', mode: 0o4755, path: '/bin/x' })), ['--chmod', '04755:/bin/x']);
  t.deepEqual(renderOp(op({ kind: 'chmod', mode: 0o44, path: '/x' })), ['--chmod', '0044:/x']);
});

test('the --sm-* operations are refused after 1.55.1, naming flag, origin, tool and version', (t) => {
  const ops = [op({ kind: 'write', path: '/x', content: '' }), op({ kind: 'sm-register' }, 'plugin-rhsm')];
  const err = t.throws(() => checkOpsSupported(ops, 'virt-builder', '1.56.0'), { instanceOf: UsageError });
  t.is(err?.message, '--sm-register (asked for by plugin-rhsm) was removed after guestfs-tools 1.55.1; virt-builder 1.56.0 is installed');
  t.is(err?.exitCode, 2);
  t.notThrows(() => checkOpsSupported(ops, 'virt-builder', '1.48.2'));
  t.notThrows(() => checkOpsSupported(ops, 'virt-customize', '1.55.1'));
});

test('an operation newer than the installed tool is refused, naming the version it needs', (t) => {
  const spec = OP_TABLE.hostname;
  // No kind has a `since` today; give one a floor for this test only (synchronous, restored).
  spec.since = '1.50.0';
  try {
    const err = t.throws(() => checkOpsSupported([op({ kind: 'hostname', hostname: 'h' }, 'user')], 'virt-sysprep', '1.48.2'), { instanceOf: UsageError });
    t.is(err?.message, '--hostname (asked for by user) needs virt-sysprep >= 1.50.0, but 1.48.2 is installed; upgrade guestfs-tools');
    t.false(toolHas('hostname', '1.48.2'));
    t.true(toolHas('hostname', '1.50.0'));
  } finally {
    delete spec.since;
  }
});

test('toolHas follows the table', (t) => {
  t.false(toolHas('sm-register', '1.56.0'));
  t.true(toolHas('sm-register', '1.48.2'));
  t.true(toolHas('sm-attach', '1.55.1'));
  t.true(toolHas('write', '1.56.0'));
  t.true(toolHas('write', '1.40.0'));
});

test('compareVersions compares numerically, part by part', (t) => {
  t.true(compareVersions('1.48.2', '1.56.0') < 0);
  t.true(compareVersions('1.56.0', '1.55.1') > 0);
  t.true(compareVersions('1.10.0', '1.9.9') > 0, 'not lexical');
  t.is(compareVersions('1.52.0', '1.52.0'), 0);
  t.is(compareVersions('1.56', '1.56.0'), 0, 'missing parts are 0');
  t.true(compareVersions('1.56.0.1', '1.56.0') > 0);
});
