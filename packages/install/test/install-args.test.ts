// What rejviz-install reads from virt-install's arguments (the name, the connection, the disks).
import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgparseHelp, UsageError, type ToolInfo } from '@rejviz/core';
import { parseDiskArg, readInstallArgs } from '../src/install-args.js';
import { effectiveUri } from '../src/virt-type.js';

const help = readFileSync(fileURLToPath(new URL('../../../../fixtures/tool-help/virt-install-4.1.0.txt', import.meta.url)), 'utf8');
const info: ToolInfo = { tool: 'virt-install', path: '/usr/bin/virt-install', version: '4.1.0', ...parseArgparseHelp(help) };

test('--disk forms: a bare path, path=, vol=, size= only, cdrom', (t) => {
  t.deepEqual(parseDiskArg('vm.qcow2,bus=virtio', '/srv'), { path: '/srv/vm.qcow2', volume: null, format: null, device: 'disk' });
  t.deepEqual(parseDiskArg('path=/a/b.img,format=raw', '/srv'), { path: '/a/b.img', volume: null, format: 'raw', device: 'disk' });
  t.deepEqual(parseDiskArg('vol=default/x.qcow2', '/srv'), { path: null, volume: 'default/x.qcow2', format: null, device: 'disk' });
  t.deepEqual(parseDiskArg('size=10', '/srv'), { path: null, volume: null, format: null, device: 'disk' });
  t.is(parseDiskArg('/iso/seed.iso,device=cdrom', '/').device, 'cdrom');
  t.is(parseDiskArg('path=/x,driver.type=qcow2', '/').format, 'qcow2');
});

test('name, URI, disks and virt type, with virt-install short names and prefixes', (t) => {
  const a = readInstallArgs(['-n', 'vm1', '--conn', 'test:///default', '--disk', 'vm.img', '--disk', 'size=5', '--virt-type', 'kvm', '--import'], info, '/srv');
  t.is(a.name, 'vm1');
  t.is(a.uri, 'test:///default');
  t.deepEqual(a.disks.map((d) => d.path), ['/srv/vm.img', null]);
  t.is(a.virtType, 'kvm');
  t.true(a.uses.some((u) => u.option === '--import'));
});

test('--name is required', (t) => {
  const err = t.throws(() => readInstallArgs(['--import', '--disk', 'x.img'], info, '/'), { instanceOf: UsageError });
  t.regex(err!.message, /^--name NAME is required/);
});

test('the connection: --connect, else LIBVIRT_DEFAULT_URI, else qemu:///system for root', (t) => {
  t.is(effectiveUri('test:///default', { LIBVIRT_DEFAULT_URI: 'qemu:///session' }), 'test:///default');
  t.is(effectiveUri(null, { LIBVIRT_DEFAULT_URI: 'qemu:///session' }), 'qemu:///session');
  if (process.getuid?.() === 0) t.is(effectiveUri(null, {}), 'qemu:///system');
  else t.is(effectiveUri(null, {}), null);
});
