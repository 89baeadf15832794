// Tier 3: rejviz-up gen --makefile on qemu:///system. gen builds the lab's template into the
// default pool (as rejviz-up would) and writes the Makefile; the real `make up` (virsh, qemu-img,
// genisoimage, no rejviz) creates the lab's isolated network and a machine that rejviz-up status
// lists running and rejviz-up's plan keeps as the file says; `make destroy` leaves nothing of it.
// Then rejviz-up brings the same lab file up itself: its domain's XML is the make-made one's,
// but for what libvirt gives each run (ids, UUID, ports, the record's time). The library calls run
// under unshare -n (virt-builder --no-network on the offline repository); no rejviz bin starts.
import { createRunner } from '@rejviz/core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testNeeding } from '@rejviz/test-support';
import { ISOLATED_NETWORK, SYSTEM, uniqueName, virsh } from '../support/domain.js';
import { hasRepository, REPO_ROOT, toolEnv } from '../support/env.js';

const test = testNeeding([
  { tool: 'virt-builder' }, { tool: 'virt-install' }, { tool: 'unshare' }, { tool: 'virsh' }, { tool: 'make' }, { tool: 'qemu-img' }, { tool: 'genisoimage' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

const LAB = uniqueName('rjvt-gen');
// A profile content no other run shares, so that gen builds this run's template.
const MARK = uniqueName('mark');
const MAC = '52:54:00:6e:00:31';
// The lab creates its own isolated network (no <ip>, no <forward>); the host's isolated network is not touched.
const LAB_FILE = `name: ${LAB}
templates:
  tiny: { base: tiny-centos7, sysprep: false, runCommand: ["echo ${MARK} > /etc/rejviz-gen"] }
networks:
  lab: { subnet: 198.51.100.0/24 }
defaults: { template: tiny, memory: 256M }
machines:
  - { name: a, disks: [{ size: 64M }], nics: [{ network: lab, address: 198.51.100.31, mac: "${MAC}" }], userData: { runcmd: ["echo ${MARK}"] } }
`;

// One library call per run: gen, up, plan, status or destroy; its result as JSON.
const PROGRAM = `
import { createServices } from '@rejviz/core';
import { destroyLab, generateMakefile, labStatus, planUp, upLab } from '@rejviz/up';
const [verb, text, dir] = process.argv.slice(2);
const request = { file: 'rejviz.yaml', text, uri: 'qemu:///system' };
const s = await createServices();
const result = verb === 'gen' ? await generateMakefile({ ...request, dir, buildArgs: ['--no-network'], installArgs: ['--graphics', 'none'] }, s)
  : verb === 'up' ? await upLab({ ...request, buildArgs: ['--no-network'], installArgs: ['--graphics', 'none'] }, s)
  : verb === 'plan' ? (await planUp(request, s)).plan
  : verb === 'status' ? await labStatus({ lab: '${LAB}', uri: 'qemu:///system' }, s)
  : await destroyLab({ lab: '${LAB}', uri: 'qemu:///system' }, s);
console.log(JSON.stringify(result));
`;

let dir = '';
async function run<T>(verb: 'gen' | 'up' | 'plan' | 'status' | 'destroy'): Promise<T> {
  const script = join(REPO_ROOT, 'build', `up-gen-${process.pid}.mjs`);
  await writeFile(script, PROGRAM);
  try {
    const env = { ...(await toolEnv()), XDG_STATE_HOME: join(dir, 'state') };
    const res = await createRunner().run('unshare', ['-n', process.execPath, script, verb, LAB_FILE, join(dir, 'out')], { cwd: REPO_ROOT, env, allowFailure: true });
    if (res.exitCode !== 0) throw new Error(`${verb} failed (${res.exitCode}):\n${res.stderr}`);
    return JSON.parse(res.stdout.trim().split('\n').pop()!) as T;
  } finally {
    await rm(script, { force: true });
  }
}
const make = async (target: string) => {
  const res = await createRunner().run('make', ['-s', '-C', join(dir, 'out'), target], { allowFailure: true });
  if (res.exitCode !== 0) throw new Error(`make ${target} failed (${res.exitCode}):\n${res.stderr}`);
};

const names = async (...args: string[]) => (await virsh(...args)).split('\n').map((l) => l.trim()).filter(Boolean);
// What of the lab exists: domains, volumes (any pool's default volumes named after it) and networks.
const inventory = async () => ({
  domains: (await names('list', '--all', '--name')).filter((n) => n.startsWith(`${LAB}_`)),
  volumes: (await names('vol-list', 'default')).slice(2).map((l) => l.split(/\s+/)[0]!).filter((n) => n.startsWith(`${LAB}_`)),
  networks: (await names('net-list', '--all', '--name')).filter((n) => n.startsWith(`${LAB}_`)),
});
// A running domain's XML without what libvirt gives each run of a domain.
const normalized = async (domain: string) => (await virsh('dumpxml', domain))
  .replace(/<domain type='(\w+)' id='\d+'>/, "<domain type='$1'>")
  .replace(/<uuid>[^<]*<\/uuid>/, '<uuid/>')
  .replace(/ created="[^"]*"/, '')
  .replace(/ portid='[^']*'/g, '')
  .replace(/<target dev='vnet\d+'\/>/g, "<target dev='vnet'/>")
  .replace(/\/domain-\d+-/g, '/domain-N-')
  .replace(/\/dev\/pts\/\d+/g, '/dev/pts/N');

let template = '';
test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rjv-up-gen-boot-'));
});
test.after.always(async () => {
  if (dir) await createRunner().run('make', ['-s', '-C', join(dir, 'out'), 'destroy'], { allowFailure: true });
  await run('destroy').catch(() => undefined);
  if (template) await createRunner().run('virsh', ['-c', SYSTEM, 'vol-delete', '--pool', 'default', template], { allowFailure: true });
  if (dir) await rm(dir, { recursive: true, force: true });
});

test.serial('make up brings up the lab rejviz-up would (same domain XML, status running, plan keeps it); make destroy leaves nothing', async (t) => {
  const gen = await run<{ built: string[]; files: string[]; networks: string[] }>('gen');
  t.deepEqual(gen.built, ['tiny'], 'gen built the template into the pool, as rejviz-up would');
  t.deepEqual(gen.networks, [`${LAB}_lab`]);
  const plan0 = await run<{ templates: { digest: string }[] }>('plan');
  template = `rejviz-template_tiny_${plan0.templates[0]!.digest.slice(0, 12)}.qcow2`;
  t.deepEqual(await inventory(), { domains: [], volumes: [], networks: [] }, 'gen changes nothing in libvirt but the template');

  await make('up');
  const domain = `${LAB}_a`;
  t.deepEqual(await inventory(), { domains: [domain], volumes: [`${domain}-cidata.iso`, `${domain}-disk1.qcow2`, `${domain}.qcow2`], networks: [`${LAB}_lab`] });
  const status = await run<{ machine: string; state: string; nics: { mac: string; address: string }[] }[]>('status');
  t.deepEqual(status.map((m) => [m.machine, m.state, m.nics.map((n) => [n.mac, n.address])]), [['a', 'running', [[MAC, '198.51.100.31/24']]]], 'rejviz-up status: the lab is up');
  const plan = await run<{ changes: number; machines: { action: string }[] }>('plan');
  t.deepEqual(plan.machines.map((m) => m.action), ['keep'], "rejviz-up's plan: the machine is as the file says");
  t.regex(await virsh('domiflist', domain), new RegExp(`network\\s+${LAB}_lab\\s+virtio\\s+${MAC}`));
  const volume = await virsh('vol-dumpxml', '--pool', 'default', `${domain}.qcow2`);
  t.regex(volume, new RegExp(`<backingStore>\\s*<path>[^<]*/${template.replace(/\./g, '\\.')}</path>`), 'the overlay is on the template');
  t.notRegex(await virsh('net-dumpxml', `${LAB}_lab`), /<ip|<forward/, 'the network is isolated');
  const byMake = await normalized(domain);
  await make('up');
  t.is(await normalized(domain), byMake, 'make up again changes nothing');

  await make('destroy');
  t.deepEqual(await inventory(), { domains: [], volumes: [], networks: [] }, 'make destroy: nothing of the lab is left');
  await make('destroy');

  // rejviz-up itself, on the same file (the MAC is given, the address static): the same domain.
  const up = await run<{ created: string[]; built: string[] }>('up');
  t.deepEqual([up.created, up.built], [[domain], []], 'rejviz-up uses the template gen built');
  t.is(await normalized(domain), byMake, "the make-made domain's XML is rejviz-up's");
  await run('destroy');
  t.deepEqual(await inventory(), { domains: [], volumes: [], networks: [] });
  t.true((await names('net-list', '--all', '--name')).includes(ISOLATED_NETWORK), "the host's isolated network is untouched");
});
