// Tier 1 (driver): a lab machine without lab NICs (machine-install-request.ts gives virt-install
// `--network none`) is defined on libvirt's test driver with no interface at all: virt-install's
// default NIC (on libvirt's `default` NAT network) is not added. The machine has seed: false (the
// test driver cannot upload a seed volume); the template volume and the overlay's file are made
// by the test, as in up-parallel.test.ts. Runs under unshare -n; starts no rejviz bin.
import { createRunner } from '@rejviz/core';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLibraryProgram } from '../support/library-program.js';
import { testNeeding } from '@rejviz/test-support';
import { uniqueName } from '../support/domain.js';
import { hasRepository } from '../support/env.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';

const test = testNeeding([
  { tool: 'virsh' }, { tool: 'virt-install' }, { tool: 'qemu-img' }, { tool: 'unshare' }, { tool: 'virt-builder' },
  { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

const LAB = uniqueName('rjvt-nonic');
const POOL = `${LAB}-pool`;
const runner = createRunner();
const virsh = (...args: string[]) => runner.run('virsh', ['-c', TEST_URI, ...args]);
let dir = '';

const PROGRAM = `
import { createServices } from '@rejviz/core';
import { destroyLab, planUp, upLab } from '@rejviz/up';
const [verb, text, uri, pool] = process.argv.slice(2);
const services = await createServices();
const result = verb === 'plan' ? await planUp({ file: 'rejviz.yaml', text, uri }, services)
  : verb === 'up' ? await upLab({ file: 'rejviz.yaml', text, uri, pool, installArgs: ['--graphics', 'none'] }, services)
  : await destroyLab({ lab: text, uri }, services);
console.log(JSON.stringify(result));
`;

const run = <T>(verb: 'plan' | 'up' | 'destroy', text: string): Promise<T> =>
  runLibraryProgram<T>('up-no-nic', PROGRAM, [verb, text, TEST_URI, POOL], { XDG_STATE_HOME: dir });

test.before(async () => {
  await holdTestDriver();
  dir = await mkdtemp(join(tmpdir(), 'rjv-nonic-'));
  await mkdir(join(dir, 'pool'));
  await virsh('pool-create-as', POOL, 'dir', '--target', join(dir, 'pool'));
});
test.after.always(async () => {
  await run('destroy', LAB).catch(() => undefined);
  await runner.run('virsh', ['-c', TEST_URI, 'pool-destroy', POOL], { allowFailure: true });
  releaseTestDriver();
  await rm(dir, { recursive: true, force: true });
});

test.serial('a machine without lab NICs: its domain has no interface', async (t) => {
  const text = `name: ${LAB}\ntemplates: { t: { base: tiny-centos7 } }\nmachines: [{ name: m, template: t, memory: 128M, seed: false }]\n`;
  const plan = await run<{ plan: { templates: { digest: string }[]; machines: { domain: string }[] } }>('plan', text);
  await virsh('vol-create-as', POOL, `rejviz-template_t_${plan.plan.templates[0]!.digest.slice(0, 12)}.qcow2`, '64M', '--format', 'qcow2');
  const domain = plan.plan.machines[0]!.domain;
  await runner.run('qemu-img', ['create', '-q', '-f', 'qcow2', join(dir, 'pool', `${domain}.qcow2`), '64M']);
  await run('up', text);
  const xml = (await virsh('dumpxml', domain)).stdout;
  t.regex(xml, /<rejviz-up:machine [^>]*lab=/, 'it is the lab machine rejviz-up defined');
  t.false(xml.includes('<interface'), xml);
  t.is((await virsh('domiflist', domain)).stdout.split('\n').filter((l) => /^\s*(vnet|-)\S*\s/.test(l)).length, 0);
});
