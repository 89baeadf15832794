// Tier 3 (boot): a tiny-centos7 image built offline boots as a real domain on qemu:///system
// (TCG where KVM does not work) on the isolated network, applies the ifcfg files written into it
// (both NICs, bound by HWADDR), runs the firstboot command, reaches login: and shuts down by ACPI.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildTemplate } from '../support/builder.js';
import { hasRepository, testRunDir } from '../support/env.js';
import { IMAGES, randomMac, removeDomain, startDomain, uniqueName, virsh, waitForSerial, waitForState } from '../support/domain.js';
import { testNeeding } from '@rejviz/test-support';

const test = testNeeding([
  { tool: 'virt-builder' }, { tool: 'virt-install' }, { tool: 'virsh' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

const name = uniqueName('rjvt-tiny');
test.after.always(async () => {
  await removeDomain(name);
  await rm(testRunDir(), { recursive: true, force: true });
});

const ifcfg = (dev: string, mac: string, ip: string) =>
  `/etc/sysconfig/network-scripts/ifcfg-${dev}:DEVICE=${dev}\nHWADDR=${mac}\nBOOTPROTO=none\nIPADDR=${ip}\nPREFIX=24\nONBOOT=yes\n`;

test('boots to login with both NICs configured, then shuts down on ACPI', async (t) => {
  const macs = [randomMac(), randomMac()];
  const disk = join(IMAGES, `${name}.qcow2`);
  const password = join(testRunDir(), 'rootpw');
  await writeFile(password, 'tiny-test-pw\n', { mode: 0o600 });
  await buildTemplate('tiny-centos7', disk, [
    '--hostname', `${name}.example.test`,
    '--root-password', `file:${password}`,
    '--write', ifcfg('eth0', macs[0]!, '198.51.100.10'),
    '--write', ifcfg('eth1', macs[1]!, '203.0.113.11'),
    '--firstboot-command', 'echo FIRSTBOOT-RAN > /dev/console',
  ]);
  await startDomain({ name, disk, macs, memoryMiB: 256, osinfo: 'centos7.0' });
  const log = await waitForSerial(name, /login:/, 180_000);
  t.regex(log, new RegExp(`TINY-HOSTNAME: ${name}\\.example\\.test`));
  t.regex(log, new RegExp(`TINY-NET-UP eth0 198\\.51\\.100\\.10/24 mac=${macs[0]}`));
  t.regex(log, new RegExp(`TINY-NET-UP eth1 203\\.0\\.113\\.11/24 mac=${macs[1]}`));
  t.regex(log, /FIRSTBOOT-RAN/);
  t.regex(log, /TINY-BOOT-COMPLETE/);
  const iflist = await virsh('domiflist', name);
  t.true(macs.every((m) => iflist.includes(m)), iflist);
  await virsh('shutdown', name);
  await waitForState(name, 'shut off', 90_000);
  t.pass();
});
