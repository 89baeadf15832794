// Tier 1 (driver): rejviz-up's library creates a 20-machine lab on libvirt's test driver four
// machines at once, with zero errors: every domain defined with its record and planned MAC and
// every overlay made (the per-pool queue serialises the volume operations); destroy then leaves
// nothing. The machines have seed: false and DHCP NICs: the test driver cannot upload a seed
// volume (no virStorageVolUpload); the boot tier creates machines with seeds in parallel. The
// test driver keeps volumes in memory and never opens an image, but rejviz-install checks each
// machine's disk on the host: the test puts a small qcow2 file where each overlay's path is, in a
// host directory that is the target of the lab's test-driver pool. The program runs under
// unshare -n (it lists the offline repository's templates) and starts no rejviz bin.
import { createRunner } from '@rejviz/core';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
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

const LAB = uniqueName('rjvt-up20');
const POOL = `${LAB}-pool`;
const COUNT = 20;
const TAG = `RJV_ARGV_WATCH=${LAB}`;
const runner = createRunner();
const virsh = (...args: string[]) => runner.run('virsh', ['-c', TEST_URI, ...args]);
let dir = '';

const PROGRAM = `
import { createServices } from '@rejviz/core';
import { destroyLab, planUp, upLab } from '@rejviz/up';
const [verb, text, uri, pool] = process.argv.slice(2);
const services = await createServices();
const result = verb === 'plan' ? await planUp({ file: 'rejviz.yaml', text, uri }, services)
  : verb === 'up' ? await (async () => {
    const events = [];
    const report = await upLab({ file: 'rejviz.yaml', text, uri, pool, jobs: 4, installArgs: ['--graphics', 'none'], progress: (e) => events.push(e) }, services);
    return { ...report, events };
  })()
  : await destroyLab({ lab: text, uri }, services);
console.log(JSON.stringify(result));
`;

const run = <T>(verb: 'plan' | 'up' | 'destroy', text: string): Promise<T> =>
  runLibraryProgram<T>('up-parallel', PROGRAM, [verb, text, TEST_URI, POOL], { XDG_STATE_HOME: dir, RJV_ARGV_WATCH: LAB });

test.before(async () => {
  await holdTestDriver();
  dir = await mkdtemp(join(tmpdir(), 'rjv-up20-'));
  await mkdir(join(dir, 'pool'));
  await virsh('pool-create-as', POOL, 'dir', '--target', join(dir, 'pool'));
});
test.after.always(async () => {
  await run('destroy', LAB).catch(() => undefined);
  await runner.run('virsh', ['-c', TEST_URI, 'pool-destroy', POOL], { allowFailure: true });
  releaseTestDriver();
  await rm(dir, { recursive: true, force: true });
});

/** How many of this test's virt-install processes run now (their environment carries the tag). */
async function virtInstalls(): Promise<number> {
  let n = 0;
  for (const pid of (await readdir('/proc')).filter((p) => /^\d+$/.test(p))) {
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmd.includes('virt-install')) continue;
    if ((await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '')).split('\0').includes(TAG)) n++;
  }
  return n;
}

test.serial(`a ${COUNT}-machine lab created 4 at a time: zero errors, every machine defined with its MAC and overlay; destroy: nothing left`, async (t) => {
  const text = `name: ${LAB}\ntemplates: { t: { base: tiny-centos7 } }\nnetworks: { n: { existing: default } }\ndefaults: { template: t, memory: 128M, seed: false }\nmachines: [{ name: m, count: ${COUNT}, nics: [{ network: n, address: dhcp }] }]\n`;
  const plan = await run<{ plan: { templates: { digest: string }[]; machines: { domain: string }[] } }>('plan', text);
  // The template is in the pool already: this test is about the machines.
  await virsh('vol-create-as', POOL, `rejviz-template_t_${plan.plan.templates[0]!.digest.slice(0, 12)}.qcow2`, '64M', '--format', 'qcow2');
  for (const m of plan.plan.machines) await runner.run('qemu-img', ['create', '-q', '-f', 'qcow2', join(dir, 'pool', `${m.domain}.qcow2`), '64M']);

  let most = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      most = Math.max(most, await virtInstalls());
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const report = await run<{ created: string[]; allocation: { nics: { mac: string }[] }[]; events: { machine: string | null; phase: string; status: string; seconds?: number }[] }>('up', text).finally(async () => {
    sampling = false;
    await sampler;
  });
  const domains = plan.plan.machines.map((m) => m.domain);
  // Progress: every machine went through its phases in order, each started and done with a time;
  // the template was cached, so no template phase.
  t.false(report.events.some((e) => e.phase === 'template' || e.status === 'failed'));
  for (let i = 1; i <= COUNT; i++) {
    const mine = report.events.filter((e) => e.machine === `m-${i}`);
    t.deepEqual(mine.map((e) => `${e.phase}:${e.status}`), ['disk', 'seed', 'define', 'boot', 'ready'].flatMap((p) => [`${p}:start`, `${p}:done`]), `m-${i}: phases in order`);
    t.true(mine.filter((e) => e.status === 'done').every((e) => typeof e.seconds === 'number' && e.seconds >= 0));
  }
  t.deepEqual(report.created, domains, 'all of them, in plan order');
  t.true(most > 1 && most <= 4, `virt-install ran for several machines at once, never more than --jobs (at most ${most} seen)`);

  const all = (await virsh('list', '--all', '--name')).stdout.split('\n').map((l) => l.trim());
  t.deepEqual(all.filter((n) => n.startsWith(`${LAB}_`)).sort(), [...domains].sort());
  for (const [i, domain] of domains.entries()) {
    const xml = (await virsh('dumpxml', domain)).stdout;
    t.true(xml.includes(`<mac address='${report.allocation[i]!.nics[0]!.mac}'/>`), `${domain} has its planned MAC`);
    t.regex(xml, /<rejviz-up:machine [^>]*lab=/, `${domain} carries the lab's record`);
    t.false(xml.includes('cidata'), `${domain}: seed: false, no seed`);
  }
  const volumes = (await virsh('vol-list', POOL)).stdout;
  for (const domain of domains) t.true(volumes.includes(`${domain}.qcow2`), `${domain}: its overlay`);

  const removed = await run<{ domains: string[]; volumes: string[] }>('destroy', LAB);
  t.is(removed.domains.length, COUNT);
  t.is(removed.volumes.length, COUNT);
  t.false((await virsh('list', '--all', '--name')).stdout.includes(`${LAB}_`), 'no domain of the lab is left');
  t.false((await virsh('vol-list', POOL)).stdout.includes(`${LAB}_`), 'no volume of the lab is left');
});
