// Tier 1 (driver): rejviz-peek on libvirt's test driver: --no-guest reads only the domain XML (no
// appliance), its JSON follows the documented schema, duplicate MACs are found, bad input exits 2.
import { createRunner, validatorFor } from '@rejviz/core';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomMac, uniqueName } from '../support/domain.js';
import { REPO_ROOT } from '../support/env.js';
import { testNeeding, scratchDir, type Teardown } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';

const test = testNeeding([{ tool: 'virsh' }, { tool: 'virt-install' }, { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' }]);

test.before(holdTestDriver);
test.after.always(releaseTestDriver);

const schema = async () => JSON.parse(await readFile(join(REPO_ROOT, 'packages/peek/schemas/peek-report.schema.json'), 'utf8')) as object;

async function define(t: Teardown, macs: string[]): Promise<string> {
  const dir = await scratchDir(t, 'rjv-peek-');
  const disk = join(dir, 'disk.img');
  await writeFile(disk, '');
  const name = uniqueName('rjvt-peek');
  await createRunner().run('virt-install', [
    '--connect', TEST_URI, '--name', name, '--memory', '128', '--import', '--disk', `path=${disk},format=raw`,
    ...macs.flatMap((m) => ['--network', `network=default,mac=${m},model=virtio`]),
    '--osinfo', 'centos7.0', '--graphics', 'none', '--noautoconsole', '--check', 'mac_in_use=off',
  ]);
  return name;
}

test.serial('--no-guest: the domain NICs from its XML, JSON valid against the schema, exit 0', async (t) => {
  const macs = [randomMac(), randomMac()];
  const name = await define(t, macs);
  const r = await rejviz('rejviz-peek', ['-c', TEST_URI, '--no-guest', name, '--json']);
  t.is(r.exitCode, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { domainNics: { mac: string; source: string; model: string }[]; os: unknown; consistent: boolean; target: { state: string } };
  t.deepEqual((await validatorFor(await schema()))(report), []);
  t.deepEqual(report.domainNics.map((n) => [n.mac, n.source, n.model]), macs.map((m) => [m, 'default', 'virtio']));
  t.is(report.os, null);
  t.is(report.target.state, 'running');
  t.true(report.consistent);
  const text = await rejviz('rejviz-peek', ['-c', TEST_URI, '--no-guest', name]);
  t.regex(text.stdout, new RegExp(`domain NICs:\\n {2}#1 ${macs[0]} network default model virtio\\n {2}#2 ${macs[1]}`));
});

test.serial('--no-guest: the same MAC on two NICs of the domain is an inconsistency (exit 1)', async (t) => {
  const mac = randomMac();
  const name = await define(t, [mac, mac]);
  const r = await rejviz('rejviz-peek', ['-c', TEST_URI, '--no-guest', name]);
  t.is(r.exitCode, 1, r.stdout + r.stderr);
  t.regex(r.stdout, new RegExp(`ERROR {3}MAC ${mac} is on 2 NICs of the domain`));
  t.regex(r.stdout, /INCONSISTENT\n$/);
});

test.serial('bad input: one line, exit 2', async (t) => {
  const cases: [string[], RegExp][] = [
    [['-c', TEST_URI, 'no-such-domain'], /no-such-domain: no such domain on test\+unix:\/\/\/default/],
    [[], /nothing to peek at; usage: rejviz-peek DOMAIN/],
    [['-a', '/nonexistent/vm.img'], /-a \/nonexistent\/vm\.img: no such file/],
    [['-a', '/nonexistent/vm.img', '--no-guest'], /--no-guest reads only a domain's XML; give a DOMAIN/],
    [['-c', TEST_URI, 'test', '-a', '/x.img'], /give a DOMAIN or -a IMAGE, not both/],
    [['-c', TEST_URI, 'test', 'other'], /one domain at a time/],
    [['--manifest', '/nonexistent.json'], /--manifest \/nonexistent\.json: no such file/],
    [['--bogus'], /unknown option --bogus/],
  ];
  for (const [args, message] of cases) {
    const r = await rejviz('rejviz-peek', args);
    t.is(r.exitCode, 2, `${args.join(' ')}: ${r.stderr}`);
    t.regex(r.stderr, message);
    t.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});
