// Tier 2: rejviz-peek reads images that rejviz-builder wrote in each format, in ONE appliance
// launch per peek, and finds every NIC config with its file, MAC and addresses; checked against
// the builder manifest (--manifest), the verdict is consistent. (A changed MAC is the boot tier's
// install-pipeline test, on a real domain.)
import { parseImageManifest, validatorFor } from '@rejviz/core';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { launchCounter } from '../support/appliance-count.js';
import { hasRepository, REPO_ROOT, testRunDir } from '../support/env.js';
import { testNeeding } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';

const test = testNeeding([{ tool: 'virt-builder' }, { tool: 'guestfish' }, { tool: 'unshare' }, { check: hasRepository, what: 'fixture repository (fixtures/images/build)' }]);

test.after.always(async () => {
  await rm(testRunDir(), { recursive: true, force: true });
});

// ifcfg binds by MAC (HWADDR); ENI cannot (hwaddress sets a MAC), so its stanzas are bound by
// name. netplan and keyfile are peeked on booted debian-12 domains in the boot tier
// (builder-debian-formats), where each is the active stack; networkd files are read by peek's unit
// tests, and guestfs/customize detects each active stack in real debian-12 images.
const FORMATS: [string, string, string][] = [
  ['ifcfg', 'ifcfg', '/etc/sysconfig/network-scripts/ifcfg-eth1'],
  ['eni', 'eni', '/etc/network/interfaces.d/'],
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
    const report = JSON.parse(r.stdout) as { configs: { format: string; file: string; mac: string | null; name: string | null; addresses: string[]; gateway: string | null }[]; os: { osinfo: string }; verdicts: { kind: string; level: string }[]; consistent: boolean };
    t.deepEqual((await validatorFor(JSON.parse(await readFile(join(REPO_ROOT, 'packages/peek/schemas/peek-report.schema.json'), 'utf8')) as object))(report), []);
    t.is(report.os.osinfo, 'centos7.0');
    t.true(report.consistent);
    const ours = report.configs.filter((c) => c.format === reported);
    const byMac = nicFormat !== 'eni';
    const eth1 = ours.find((c) => (byMac ? c.mac === manifest.nics[1]!.mac : c.name === 'eth1'));
    t.truthy(eth1, JSON.stringify(report.configs));
    t.true(eth1!.file.startsWith(fileStart), eth1!.file);
    t.deepEqual(eth1!.addresses, ['198.51.100.15/24']);
    t.is(eth1!.gateway, '198.51.100.1');
    t.truthy(ours.find((c) => (byMac ? c.mac === manifest.nics[0]!.mac : c.name === 'eth0')));
    if (!byMac) t.true(report.verdicts.some((v) => v.kind === 'bound-by-name' && v.level === 'warning'));

  });
}
