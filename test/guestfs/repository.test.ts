// Tier 2 (guestfs): the real virt-builder builds both templates of the offline repository, and
// one guestfish session per image reads back what the build wrote.
import { createRunner } from '@rejviz/core';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildTemplate, virtBuilder } from '../support/builder.js';
import { hasRepository, testRunDir, toolEnv } from '../support/env.js';
import { guestfishRead } from '../support/guestfish.js';
import { testNeeding } from '@rejviz/test-support';

const test = testNeeding([
  { tool: 'virt-builder' }, { tool: 'guestfish' }, { tool: 'unshare' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

test.after.always(async () => {
  await rm(testRunDir(), { recursive: true, force: true });
});

test('virt-builder lists exactly the offline templates, with their osinfo', async (t) => {
  const list = (await virtBuilder(['--list'])).stdout;
  const names = list.trim().split('\n').map((l) => l.split(/\s+/)[0]).sort();
  t.deepEqual(names, ['debian-12', 'tiny-centos7']);
  const json = JSON.parse((await virtBuilder(['--list', '--list-format', 'json'])).stdout) as {
    templates: { 'os-version': string; osinfo?: string; size: number; revision: string | number }[];
  };
  const byName = Object.fromEntries(json.templates.map((x) => [x['os-version'], x]));
  t.is(byName['tiny-centos7']?.osinfo, 'centos7.0');
  t.is(byName['debian-12']?.osinfo, 'debian12');
  t.is(byName['tiny-centos7']?.size, 64 * 1024 * 1024);
});

test('tiny-centos7 builds offline, customizations land, inspection says CentOS 7', async (t) => {
  const out = join(testRunDir(), 'tiny.qcow2');
  const ifcfg = join(testRunDir(), 'ifcfg-eth1');
  await writeFile(ifcfg, 'DEVICE=eth1\nBOOTPROTO=none\nIPADDR=198.51.100.11\nPREFIX=24\nONBOOT=yes\n');
  await buildTemplate('tiny-centos7', out, [
    '--hostname', 'tiny1.example.test',
    '--write', '/etc/motd:built by virt-builder',
    '--upload', `${ifcfg}:/etc/sysconfig/network-scripts/ifcfg-eth1`,
    '--chmod', '0644:/etc/sysconfig/network-scripts/ifcfg-eth1',
    '--firstboot-command', 'touch /root/firstboot.done',
  ]);
  const [hostname, motd, eth1, distro, major, osinfo, firstboot] = await guestfishRead(out, [
    'cat /etc/hostname',
    'cat /etc/motd',
    'cat /etc/sysconfig/network-scripts/ifcfg-eth1',
    'inspect-get-distro /dev/sda1',
    'inspect-get-major-version /dev/sda1',
    'inspect-get-osinfo /dev/sda1',
    'ls /etc/rc.d/rc3.d',
  ], { env: await toolEnv(), format: 'qcow2' });
  t.is(hostname?.trim(), 'tiny1.example.test');
  t.is(motd?.trimEnd(), 'built by virt-builder');
  t.regex(eth1 ?? '', /^IPADDR=198\.51\.100\.11$/m);
  t.is(distro?.trim(), 'centos');
  t.is(major?.trim(), '7');
  t.is(osinfo?.trim(), 'centos7.0');
  t.regex(firstboot ?? '', /S99guestfs-firstboot/);
  await rm(out, { force: true });
});

test('debian-12 builds offline: ifupdown enabled, the other stacks installed but off', async (t) => {
  const out = join(testRunDir(), 'debian.qcow2');
  await buildTemplate('debian-12', out, ['--hostname', 'deb1.example.test']);
  const wants = '/etc/systemd/system/multi-user.target.wants';
  const [osrel, extlinux, nm, nmOn, networkdOn, netplan, networking, cloudInit, cloudCfg, agent, distro, major] =
    await guestfishRead(out, [
      'cat /etc/os-release',
      'cat /boot/extlinux.conf',
      'is-file /usr/sbin/NetworkManager',
      `is-symlink ${wants}/NetworkManager.service`,
      `is-symlink ${wants}/systemd-networkd.service`,
      'is-file /usr/sbin/netplan followsymlinks:true',
      `is-symlink ${wants}/networking.service`,
      'is-file /usr/bin/cloud-init',
      'cat /etc/cloud/cloud.cfg.d/90-rejviz.cfg',
      'is-file /usr/sbin/qemu-ga',
      'inspect-get-distro /dev/sda1',
      'inspect-get-major-version /dev/sda1',
    ], { env: await toolEnv(), format: 'qcow2' });
  t.regex(osrel ?? '', /^VERSION_ID="12"$/m);
  t.regex(extlinux ?? '', /net\.ifnames=0/);
  t.is(nm?.trim(), 'true');
  t.is(nmOn?.trim(), 'false');
  t.is(networkdOn?.trim(), 'false');
  t.is(netplan?.trim(), 'true');
  t.is(networking?.trim(), 'true');
  t.is(cloudInit?.trim(), 'true');
  t.regex(cloudCfg ?? '', /datasource_list: \[ NoCloud, ConfigDrive \]/);
  t.is(agent?.trim(), 'true');
  t.is(distro?.trim(), 'debian');
  t.is(major?.trim(), '12');
  await rm(out, { force: true });
});
