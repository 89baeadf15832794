// Tier 2: rejviz-peek reads images that rejviz-builder wrote in each format, in ONE appliance
// launch per peek, and finds every NIC config with its file, MAC and addresses; checked against
// the builder manifest (--manifest), the verdict is consistent. A manifest whose MAC differs
// (as after a NIC was given another MAC) is an inconsistency naming the NIC and both MACs.
import { parseImageManifest, validatorFor } from '@rejviz/core';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchCounter } from '../support/appliance-count.js';
import { randomMac } from '../support/domain.js';
import { hasRepository, REPO_ROOT, testRunDir } from '../support/env.js';
import { testNeeding } from '../support/prereq.js';
import { rejviz } from '../support/rejviz.js';

const test = testNeeding([{ tool: 'virt-builder' }, { tool: 'guestfish' }, { tool: 'unshare' }, { check: hasRepository, what: 'fixture repository (fixtures/images/build)' }]);

test.after.always(async () => {
  await rm(testRunDir(), { recursive: true, force: true });
});

// The tiny template's ifup is BusyBox's, so its ENI files are reported as busybox-eni.
const FORMATS: [string, string, string][] = [
  ['ifcfg', 'ifcfg', '/etc/sysconfig/network-scripts/ifcfg-eth1'],
  ['keyfile', 'keyfile', '/etc/NetworkManager/system-connections/eth1.nmconnection'],
  ['netplan', 'netplan', '/etc/netplan/'],
  ['eni', 'busybox-eni', '/etc/network/interfaces.d/'],
  ['networkd', 'networkd', '/etc/systemd/network/'],
];

for (const [nicFormat, reported, fileStart] of FORMATS) {
  test.serial(`--nic-format ${nicFormat}: peek finds both NICs by MAC, consistent with the manifest, one launch`, async (t) => {
    const dir = join(testRunDir(), nicFormat);
    await mkdir(dir, { recursive: true });
    const built = await rejviz('rejviz-builder', [
      'tiny-centos7', '--nic', 'name=eth0', '--nic', 'name=eth1,ipaddr=198.51.100.15/24,gateway=198.51.100.1',
      '--nic-format', nicFormat, '-o', 'vm.img', '--no-network', '--manifest', 'vm.json',
    ], { cwd: dir });
    t.is(built.exitCode, 0, built.stderr);
    const manifest = await parseImageManifest(await readFile(join(dir, 'vm.json'), 'utf8'), 'vm.json');
    const counter = await launchCounter(dir);
    const r = await rejviz('rejviz-peek', ['--manifest', 'vm.json', '--json'], { cwd: dir, env: counter.env });
    t.is(r.exitCode, 0, r.stdout + r.stderr);
    t.is(await counter.count(), 1, 'one appliance launch per peek');
    const report = JSON.parse(r.stdout) as { configs: { format: string; file: string; mac: string | null; addresses: string[]; gateway: string | null }[]; os: { osinfo: string }; consistent: boolean };
    t.deepEqual((await validatorFor(JSON.parse(await readFile(join(REPO_ROOT, 'packages/peek/schemas/peek-report.schema.json'), 'utf8')) as object))(report), []);
    t.is(report.os.osinfo, 'centos7.0');
    t.true(report.consistent);
    const ours = report.configs.filter((c) => c.format === reported);
    const eth1 = ours.find((c) => c.mac === manifest.nics[1]!.mac);
    t.truthy(eth1, JSON.stringify(report.configs));
    t.true(eth1!.file.startsWith(fileStart), eth1!.file);
    t.deepEqual(eth1!.addresses, ['198.51.100.15/24']);
    t.is(eth1!.gateway, '198.51.100.1');
    t.truthy(ours.find((c) => c.mac === manifest.nics[0]!.mac));

    if (nicFormat !== 'ifcfg') return;
    // The same image against a manifest whose eth1 has another MAC: exit 1, both MACs named.
    const other = randomMac();
    const changed = { ...manifest, nics: [manifest.nics[0]!, { ...manifest.nics[1]!, mac: other }] };
    await writeFile(join(dir, 'changed.json'), JSON.stringify(changed));
    const bad = await rejviz('rejviz-peek', ['--manifest', 'changed.json'], { cwd: dir });
    t.is(bad.exitCode, 1, bad.stdout + bad.stderr);
    t.regex(bad.stdout, new RegExp(`ERROR {3}eth1: the guest config /etc/sysconfig/network-scripts/ifcfg-eth1 \\(ifcfg\\) is for MAC ${manifest.nics[1]!.mac}, but manifest NIC eth1 has MAC ${other}`));
  });
}
