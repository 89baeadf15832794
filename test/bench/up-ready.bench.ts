// Benchmark of issue 14: how long rejviz-up takes to bring one debian-12 machine to ready (ssh
// answers with the pinned host key, cloud-init has finished) against a bare boot of the same image
// to its login prompt, on qemu:///system under TCG. Goal: ratio <= 1.3. Alternating pairs of
//  (a) the rejviz-up bin on a one-machine lab (a management NIC, plugin-ssh), from its start until
//      it returns, then rejviz-up destroy (not timed);
//  (b) a bare `virt-install --import` of a qcow2 overlay of the same template image, with the
//      same memory, vCPUs and CPU, --network none and the serial console logged as rejviz-up logs it,
//      from virt-install's start until the log shows `login:`; then the domain is removed.
// The lab's template is a fast-boot one (docs/up.md, cloud-init fast boot), as every virt-builder
// profile is by default; (b) boots that same image, whose cloud-init its generator disables
// without a seed. The 1-minute load average is sampled before each run, to say how quiet the
// host was.
// The template image is built by a first rejviz-up (timed apart, not in the ratio). Nothing
// reaches a network: the lab's NIC is on the isolated rejviz-isolated (no <ip>), the management
// NIC is qemu's restrict=on user networking forwarded from 127.0.0.1, and virt-builder runs
// with --no-network under unshare -n (rejvizHostNet's shims).
import { createRunner } from '@rejviz/core';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { IMAGES, ISOLATED_NETWORK, SYSTEM, uniqueName } from '../support/domain.js';
import { virtType } from '../support/env.js';
import { rejviz, rejvizHostNet } from '../support/rejviz.js';
import { median } from './stats.js';

const MEMORY_MIB = 1024;
const VCPUS = 2;
// osinfo-db 20221130 knows no debian12 (virt-install: "Unknown OS name"); rejviz-up reads the template's.
const OSINFO = 'debian11';

const labFile = (lab: string) => `name: ${lab}
templates:
  debian: { base: debian-12, sysprep: false, network: false }
networks:
  iso: { existing: ${ISOLATED_NETWORK}, subnet: 198.51.100.0/24 }
machines:
  - { name: m, template: debian, memory: ${MEMORY_MIB}M, vcpus: ${VCPUS}, management: true, plugins: { ssh: {} }, nics: [{ network: iso }] }
`;

/** One timed rejviz-up: wall seconds and the phases, in seconds. */
interface UpRun {
  total: number;
  /** From the start to the machine's first phase: node, plan, lock, state, keys, template check. */
  plan: number;
  /** disk + seed + define + boot: the overlay, the seed volume, virt-install, the record. */
  create: number;
  /** From the ready phase's start (the domain was started just before) until ssh answered. */
  ssh: number;
  /** From ssh answering until cloud-init had finished. */
  cloudInit: number;
  /** After ready until rejviz-up returned (labReady taps, exit). */
  rest: number;
}

interface Event { machine: string | null; phase: string; status: string; seconds?: number; at: string }

async function upOnce(dir: string, env: Record<string, string>): Promise<UpRun> {
  const t0 = Date.now();
  const res = await rejvizHostNet('rejviz-up', ['-f', 'lab.yaml', '-c', SYSTEM, '--json'], { cwd: dir, env });
  const total = (Date.now() - t0) / 1000;
  if (res.exitCode !== 0) throw new Error(`rejviz-up failed (${res.exitCode}):\n${res.stderr}`);
  const events = res.stdout.trim().split('\n').map((l) => JSON.parse(l) as Event & { event: string }).filter((e) => e.event === 'progress' && e.machine === 'm');
  const at = (phase: string, status: string) => {
    const e = events.find((x) => x.phase === phase && x.status === status);
    if (!e) throw new Error(`no ${phase} ${status} event in:\n${res.stdout}`);
    return (Date.parse(e.at) - t0) / 1000;
  };
  const ready = /m: ready: ssh answered with the pinned host key after ([\d.]+) s, (?:cloud-init|the first boot) finished after ([\d.]+) s/.exec(res.stderr);
  if (!ready) throw new Error(`no ready line in:\n${res.stderr}`);
  const [ssh, done] = [Number(ready[1]), Number(ready[2])];
  return { total, plan: at('disk', 'start'), create: at('boot', 'done') - at('disk', 'start'), ssh, cloudInit: done - ssh, rest: total - at('ready', 'done') };
}

/** virt-install of an overlay of `base`, timed until its console log shows the login prompt. */
async function bareOnce(dir: string, base: string): Promise<number> {
  const r = createRunner();
  const name = uniqueName('rjvb-bare');
  const overlay = join(IMAGES, `${name}.qcow2`);
  const log = join(dir, `${name}.log`);
  await r.run('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', base, '-F', 'qcow2', overlay]);
  try {
    const t0 = performance.now();
    // Under TCG the CPU rejviz-install's fallback gives rejviz-up's domains (virt-type.ts).
    const cpu = (await virtType()) === 'qemu' ? ['--cpu', 'mode=maximum'] : [];
    await r.run('unshare', ['-n', 'virt-install', '--connect', SYSTEM, '--virt-type', await virtType(), ...cpu, '--name', name,
      '--memory', String(MEMORY_MIB), '--vcpus', String(VCPUS), '--import', '--disk', `path=${overlay},format=qcow2,bus=virtio`,
      '--network', 'none', '--osinfo', OSINFO, '--serial', `pty,log.file=${log}`, '--noautoconsole']);
    for (;;) {
      if (/login:/.test(await readFile(log, 'utf8').catch(() => ''))) return (performance.now() - t0) / 1000;
      if (performance.now() - t0 > 600_000) throw new Error(`${name}: no login prompt after 600 s`);
      await sleep(100);
    }
  } finally {
    await r.run('virsh', ['-c', SYSTEM, 'destroy', name], { allowFailure: true });
    await r.run('virsh', ['-c', SYSTEM, 'undefine', name], { allowFailure: true });
    await rm(overlay, { force: true });
    // libvirt lists the pool's files as it last read them.
    await r.run('virsh', ['-c', SYSTEM, 'pool-refresh', 'default'], { allowFailure: true });
  }
}

const s1 = (x: number) => `${x.toFixed(1)} s`;

/** Ready time of rejviz-up vs a bare boot to login, medians over `pairs` alternating pairs. */
export async function benchUpReady(pairs = 3): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'rjvb-ready-'));
  const env = { XDG_STATE_HOME: join(dir, 'state') };
  const lab = uniqueName('rjvb-ready');
  await writeFile(join(dir, 'lab.yaml'), labFile(lab));
  const destroy = async () => {
    const res = await rejviz('rejviz-up', ['destroy', '-f', 'lab.yaml', '-c', SYSTEM], { cwd: dir, env });
    if (res.exitCode !== 0) throw new Error(`rejviz-up destroy failed:\n${res.stderr}`);
  };
  // The template image first (built, or found in the pool), so that no timed run builds it; one
  // built here is removed at the end.
  const plan = await rejviz('rejviz-up', ['plan', '-f', 'lab.yaml', '-c', SYSTEM, '--json'], { cwd: dir, env });
  if (plan.exitCode !== 0) throw new Error(`rejviz-up plan failed:\n${plan.stderr}`);
  const template = (JSON.parse(plan.stdout) as { templates: { name: string; digest: string; action: string }[] }).templates[0]!;
  const volume = `rejviz-template_debian_${template.digest.slice(0, 12)}.qcow2`;
  try {
    const first = await upOnce(dir, env).catch((e: Error) => e);
    await destroy();
    if (first instanceof Error) throw first;
    const base = (await createRunner().run('virsh', ['-c', SYSTEM, 'vol-path', '--pool', 'default', volume])).stdout.trim();

    const ups: UpRun[] = [];
    const bares: number[] = [];
    const loads: number[] = [];
    for (let i = 0; i < pairs; i++) {
      loads.push(loadavg()[0]!);
      ups.push(await upOnce(dir, env).finally(destroy));
      loads.push(loadavg()[0]!);
      bares.push(await bareOnce(dir, base));
    }
    const m = (pick: (u: UpRun) => number) => median(ups.map(pick));
    const [a, b] = [m((u) => u.total), median(bares)];
    const each = ups.map((u, i) => `${s1(u.total)}/${s1(bares[i]!)}`).join(', ');
    return [
      `rejviz-up to ready vs a bare virt-install boot to login: (debian-12, ${MEMORY_MIB} MiB, ${VCPUS} vCPUs, ${await virtType() === 'qemu' ? 'TCG' : 'KVM'}, ${pairs} alternating pairs, medians): ${s1(a)} vs ${s1(b)}, ratio ${(a / b).toFixed(2)} (goal <= 1.3); pairs: ${each}`,
      `  rejviz-up phases (medians): plan ${s1(m((u) => u.plan))}, create ${s1(m((u) => u.create))}, boot to ssh ${s1(m((u) => u.ssh))}, then the seed applied (first boot or cloud-init) ${s1(m((u) => u.cloudInit))}, after ready ${s1(m((u) => u.rest))}`,
      `  first rejviz-up (template ${template.action === 'build' ? 'built' : 'found in the pool'}): ${s1(first.total)}, of which before the machine ${s1(first.plan)}`,
      `  1-minute load average before each run: ${loads.map((l) => l.toFixed(2)).join(', ')}`,
    ];
  } finally {
    await rejviz('rejviz-up', ['destroy', '-f', 'lab.yaml', '-c', SYSTEM], { cwd: dir, env }).catch(() => undefined);
    if (template.action === 'build') await createRunner().run('virsh', ['-c', SYSTEM, 'vol-delete', '--pool', 'default', volume], { allowFailure: true });
    await rm(dir, { recursive: true, force: true });
  }
}
