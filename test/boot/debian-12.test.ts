// Tier 3 (boot): the debian-12 image boots as a real domain (TCG) on the isolated network, and its
// guest agent reports the static address that was written into the image, on the NIC's MAC.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { agentAddresses } from '../support/agent.js';
import { buildTemplate } from '../support/builder.js';
import { hasRepository, testRunDir } from '../support/env.js';
import { IMAGES, randomMac, removeDomain, startDomain, uniqueName, virsh, waitForSerial, waitForState } from '../support/domain.js';
import { testNeeding } from '../support/prereq.js';

const test = testNeeding([
  { tool: 'virt-builder' }, { tool: 'virt-install' }, { tool: 'virsh' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

const name = uniqueName('rjvt-deb');
test.after.always(async () => {
  await removeDomain(name);
  await rm(testRunDir(), { recursive: true, force: true });
});

test('boots, and the guest agent reports the static address written into the image', async (t) => {
  const mac = randomMac();
  const disk = join(IMAGES, `${name}.qcow2`);
  await buildTemplate('debian-12', disk, [
    '--hostname', name,
    '--write', '/etc/network/interfaces.d/eth0:auto eth0\niface eth0 inet static\n    address 198.51.100.20/24\n',
  ]);
  await startDomain({ name, disk, macs: [mac], memoryMiB: 1024, vcpus: 2, osinfo: 'debian11' });
  await waitForSerial(name, /login:/, 300_000);
  const out = await agentAddresses(name, '198.51.100.20/24', 120_000);
  const line = out.split('\n').find((l) => l.includes('198.51.100.20/24')) ?? '';
  t.regex(line, new RegExp(`^\\s*eth0\\s+${mac}\\s+ipv4\\s+198\\.51\\.100\\.20/24`));
  await virsh('shutdown', name);
  await waitForState(name, 'shut off', 120_000);
});
