// Benchmarks of issue 13 (rejviz-up):
//  - creating a machine's disk as an overlay must not grow with the template's size: virsh
//    vol-create-as --backing-vol on a 1 GiB and a 20 GiB template (fully allocated raw files, so a
//    copy would have to read every byte), in a transient dir pool on qemu:///system, interleaved;
//  - re-running rejviz-up on a ready 10-machine lab (test driver): wall time and libvirt writes;
//  - creating a 20-machine lab with --jobs 1 and --jobs 4 (test driver): wall times, errors.
import { createRunner, createServices } from '@rejviz/core';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { destroyLab, LAB_XMLNS, LAB_XMLNS_KEY, machineMetadataXml, planUp, upLab } from '@rejviz/up';
import { uniqueName } from '../support/domain.js';
import { toolEnv } from '../support/env.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';
import { median, ms } from './stats.js';

const SYSTEM = 'qemu:///system';

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Overlay creation on a 1 GiB vs a 20 GiB template, medians of `pairs` interleaved pairs. */
async function benchOverlay(pairs = 9): Promise<string[]> {
  const r = createRunner();
  const pool = uniqueName('rjvb-pool');
  const dir = await mkdtemp('/var/lib/libvirt/images/rjvb-');
  const virsh = (...args: string[]) => r.run('virsh', ['-c', SYSTEM, ...args]);
  try {
    await virsh('pool-create-as', pool, 'dir', '--target', dir);
    for (const [name, size] of [['t1.raw', '1G'], ['t20.raw', '20G']] as const) await r.run('fallocate', ['-l', size, join(dir, name)]);
    await virsh('pool-refresh', pool);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < pairs; i++) {
      for (const [template, out] of [['t1.raw', small], ['t20.raw', large]] as const) {
        out.push(await timed(() => virsh('vol-create-as', pool, `ov-${template}-${i}.qcow2`, '20G', '--format', 'qcow2', '--backing-vol', template, '--backing-vol-format', 'raw')));
      }
    }
    const a = median(small);
    const b = median(large);
    return [`rejviz-up overlay on a 1 GiB vs a 20 GiB template (virsh vol-create-as --backing-vol, ${pairs} interleaved pairs, medians): ${ms(a)} vs ${ms(b)}, ratio ${(b / a).toFixed(2)} (goal <= 1.2)`];
  } finally {
    await r.run('virsh', ['-c', SYSTEM, 'pool-destroy', pool], { allowFailure: true });
    await rm(dir, { recursive: true, force: true });
  }
}

/** rejviz-up again on a ready lab of 10 machines (test driver): median wall time, libvirt writes. */
async function benchRerun(runs = 5): Promise<string[]> {
  await holdTestDriver();
  const r = createRunner();
  const lab = uniqueName('rjvb-lab');
  const dir = await mkdtemp('/tmp/rjvb-up-');
  const env = { ...process.env, XDG_STATE_HOME: dir };
  const text = `name: ${lab}\ntemplates: { t: { base: tiny-centos7 } }\nnetworks: { n: { subnet: 198.51.100.0/24 } }\nmachines: [{ name: m, template: t, count: 10, nics: [{ network: n }] }]\n`;
  const virsh = (...args: string[]) => r.run('virsh', ['-c', TEST_URI, ...args]);
  try {
    const up = await planUp({ file: 'rejviz.yaml', text, uri: TEST_URI }, await createServices({ env }));
    await writeFile(join(dir, 'net.xml'), `<network><name>${up.lab.networks[0]!.libvirtName}</name></network>`);
    await virsh('net-define', join(dir, 'net.xml'));
    // The template in the test driver's pool, and the ten domains with their records.
    await virsh('vol-create-as', 'default-pool', `rejviz-template_t_${up.plan.templates[0]!.digest.slice(0, 12)}.qcow2`, '1G', '--format', 'qcow2');
    for (const step of up.plan.machines) {
      await writeFile(join(dir, 'd.xml'), `<domain type='test'><name>${step.domain}</name><memory>131072</memory><os><type>hvm</type></os></domain>`);
      await virsh('define', join(dir, 'd.xml'));
      const inner = machineMetadataXml(lab, step.name, step.config!).replace(/^<[^ ]+ xmlns:[^ ]+/, '<machine').replace(/<\/[^>]+>$/, '</machine>');
      await virsh('metadata', step.domain, LAB_XMLNS, '--key', LAB_XMLNS_KEY, '--set', inner, '--config');
    }
    const times: number[] = [];
    let writes = 0;
    let changes = -1;
    for (let i = 0; i < runs; i++) {
      const commands: string[] = [];
      const services = await createServices({ env, log: (c) => commands.push(c) });
      times.push(await timed(async () => {
        changes = (await upLab({ file: 'rejviz.yaml', text, uri: TEST_URI, pool: 'default-pool' }, services)).plan.changes;
      }));
      writes += commands.filter((c) => /\b(define|undefine|vol-create|vol-delete|net-start|net-define|metadata .*--set|virt-install|virt-builder)\b/.test(c)).length;
    }
    return [`rejviz-up on a ready 10-machine lab (test driver, ${runs} runs, median): ${ms(median(times))}, ${changes} change(s), ${writes} libvirt write(s) in all runs (goal <= 1 s, 0 writes)`];
  } finally {
    const names = (await virsh('list', '--all', '--name')).stdout.split('\n').map((l) => l.trim()).filter((n) => n.startsWith(`${lab}_`));
    for (const n of names) await r.run('virsh', ['-c', TEST_URI, 'undefine', n], { allowFailure: true });
    await r.run('virsh', ['-c', TEST_URI, 'net-undefine', `${lab}_n`], { allowFailure: true });
    await rm(dir, { recursive: true, force: true });
    releaseTestDriver();
  }
}

/**
 * A 20-machine lab created on the test driver with --jobs 1 and --jobs 4, side by side: wall time
 * of upLab (real virt-install against the test driver, seed: false, the template cached) and
 * errors. The machines' disks are host files at the test pool's target, since rejviz-install
 * checks a disk on the host (as in test/driver/up-parallel.test.ts).
 */
async function benchParallel(count = 20): Promise<string[]> {
  await holdTestDriver();
  const r = createRunner();
  const dir = await mkdtemp('/tmp/rjvb-par-');
  const pool = uniqueName('rjvb-par');
  const virsh = (...args: string[]) => r.run('virsh', ['-c', TEST_URI, ...args]);
  // The offline repository's environment: the template list (osinfo) comes from the fixture
  // index, never from the default repositories on the network.
  const env = { ...process.env, ...(await toolEnv()), XDG_STATE_HOME: dir };
  const seconds: Record<number, number> = {};
  let errors = 0;
  const why: string[] = [];
  try {
    await mkdir(join(dir, 'pool'));
    await virsh('pool-create-as', pool, 'dir', '--target', join(dir, 'pool'));
    for (const jobs of [1, 4]) {
      const lab = uniqueName('rjvb-par');
      const text = `name: ${lab}\ntemplates: { t: { base: tiny-centos7 } }\nnetworks: { n: { existing: default } }\ndefaults: { template: t, memory: 128M, seed: false }\nmachines: [{ name: m, count: ${count}, nics: [{ network: n, address: dhcp }] }]\n`;
      const services = await createServices({ env, notice: () => undefined });
      const up = await planUp({ file: 'rejviz.yaml', text, uri: TEST_URI }, services);
      const template = `rejviz-template_t_${up.plan.templates[0]!.digest.slice(0, 12)}.qcow2`;
      if (!(await virsh('vol-list', pool)).stdout.includes(template)) await virsh('vol-create-as', pool, template, '64M', '--format', 'qcow2');
      for (const m of up.plan.machines) await r.run('qemu-img', ['create', '-q', '-f', 'qcow2', join(dir, 'pool', `${m.domain}.qcow2`), '64M']);
      try {
        seconds[jobs] = (await timed(() => upLab({ file: 'rejviz.yaml', text, uri: TEST_URI, pool, jobs, installArgs: ['--graphics', 'none'] }, services))) / 1000;
      } catch (e) {
        errors++;
        why.push(`--jobs ${jobs}: ${(e as Error).message.split('\n')[0]}`);
      } finally {
        await destroyLab({ lab, uri: TEST_URI }, services).catch(() => undefined);
      }
    }
    const [one, four] = [seconds[1], seconds[4]];
    return [`rejviz-up creating a ${count}-machine lab on the test driver (real virt-install, one run each): --jobs 1 ${one?.toFixed(1) ?? 'failed'} s, --jobs 4 ${four?.toFixed(1) ?? 'failed'} s${one && four ? `, speed-up ${(one / four).toFixed(2)}` : ''}, ${errors} error(s)${why.length > 0 ? ` (${why.join('; ')})` : ''}`];
  } finally {
    await r.run('virsh', ['-c', TEST_URI, 'pool-destroy', pool], { allowFailure: true });
    await rm(dir, { recursive: true, force: true });
    releaseTestDriver();
  }
}

/** The figures of issue 13 that exist so far. */
export async function benchUp(): Promise<string[]> {
  return [...(await benchOverlay()), ...(await benchRerun()), ...(await benchParallel())];
}
