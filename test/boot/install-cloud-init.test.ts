// Tier 3: debian-12 (an image with no network configuration of its own) installed with a seed:
// cloud-init applies the seed's host name and its network-config, matched by MAC, which the
// guest agent reports. The image's NICs come from a manifest written by hand (a documented input),
// so the seed's network-config is the only place the address is set.
import { createRunner, type ImageManifest } from '@rejviz/core';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { agentAddresses, addressLine } from '../support/agent.js';
import { buildTemplate } from '../support/builder.js';
import { IMAGES, ISOLATED_NETWORK, randomMac, removeDomain, serialLog, SYSTEM, uniqueName, waitForSerial } from '../support/domain.js';
import { hasRepository, testRunDir } from '../support/env.js';
import { scratchDir, testNeeding } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';

const test = testNeeding([
  { tool: 'virt-builder' }, { tool: 'virt-install' }, { tool: 'virsh' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

const name = uniqueName('rjvt-ci');
test.after.always(async () => {
  await removeDomain(name);
  await rm(testRunDir(), { recursive: true, force: true });
});

test('cloud-init applies the seed: host name and the static address on the manifest MAC', async (t) => {
  const disk = join(IMAGES, `${name}.qcow2`);
  const built = await buildTemplate('debian-12', disk);
  t.is(built.exitCode, 0, built.stderr);
  const mac = randomMac();
  const manifest: ImageManifest = {
    image: disk, format: 'qcow2', template: 'debian-12', osinfo: 'debian12', nicFormat: null,
    nics: [{ name: 'eth0', mac, bootproto: 'static', addresses: [{ address: '198.51.100.42', prefix: 24 }], gateway: null, gateway6: null, dns: [], mtu: null, onlink: null, defroute: null }],
    command: 'virt-builder debian-12',
  };
  const dir = await scratchDir(t, 'rjv-ci-');
  await writeFile(join(dir, 'vm.json'), JSON.stringify(manifest));
  const r = await rejviz('rejviz-install', [
    '--connect', SYSTEM, '--manifest', join(dir, 'vm.json'), '--default-network', ISOLATED_NETWORK,
    '--name', name, '--memory', '1024', '--vcpus', '2', '--import', '--osinfo', 'debian11', '--graphics', 'none',
    '--serial', `file,path=${serialLog(name)}`,
    '--noautoconsole', '--cloud-init', '--hostname', 'seeded-host',
  ]);
  t.is(r.exitCode, 0, r.stderr);
  await waitForSerial(name, /login:/, 300_000);
  const table = await agentAddresses(name, '198.51.100.42/24', 180_000);
  t.regex(addressLine(table, '198.51.100.42/24'), new RegExp(`^eth0 ${mac} ipv4 198\\.51\\.100\\.42/24$`));
  const host = await createRunner().run('virsh', ['-c', SYSTEM, 'qemu-agent-command', name, '{"execute":"guest-get-host-name"}']);
  t.is((JSON.parse(host.stdout) as { return: { 'host-name': string } }).return['host-name'], 'seeded-host');

  // rejviz-peek on the running domain: consistent (exit 0), the seed's network-config read from
  // the attached cidata volume, bound to the domain's MAC.
  const peek = await rejviz('rejviz-peek', ['-c', SYSTEM, name, '--json']);
  t.is(peek.exitCode, 0, peek.stdout + peek.stderr);
  const report = JSON.parse(peek.stdout) as { target: { state: string }; seeds: { path: string; configs: { mac: string; addresses: string[] }[] }[]; consistent: boolean };
  t.is(report.target.state, 'running');
  t.true(report.consistent);
  t.deepEqual(report.seeds.flatMap((s) => s.configs.map((c) => [c.mac, c.addresses])), [[mac, ['198.51.100.42/24']]]);
});
