// Tier 1 (driver): the lab file's playbooks: and plugin-ansible's host /etc/hosts block, through
// the rejviz-up bin on libvirt's test driver. plan, --dry-run and provision --dry-run list the
// playbooks; a bad playbook path is one line naming playbooks[I], exit 2, with nothing created.
// The host block: a lab that is up (its domains carry their records, its template image is in
// the pool) and whose file says etcHosts.host gets its block in $REJVIZ_HOSTS_FILE when
// rejviz-up finds nothing to do, every other byte of the file kept; destroy takes it out.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRunner } from '@rejviz/core';
import { testNeeding } from '@rejviz/test-support';
import { LAB_XMLNS, LAB_XMLNS_KEY, machineMetadataXml, type LabPlan } from '@rejviz/up';
import { uniqueName } from '../support/domain.js';
import { hasRepository } from '../support/env.js';
import { rejviz } from '../support/rejviz.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';

const test = testNeeding([
  { tool: 'virsh' }, { tool: 'unshare' }, { tool: 'ansible-playbook', install: 'apt-get install ansible-core (scripts/host-setup)' },
  { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

const LAB = uniqueName('rjvt-uppb');
const HOSTS_LAB = uniqueName('rjvt-uphosts');
const NETWORK = uniqueName('rjvt-uppbnet');
const POOL = `${HOSTS_LAB}-pool`;
const runner = createRunner();
const virsh = (...args: string[]) => runner.run('virsh', ['-c', TEST_URI, ...args]);
let dir = '';
const up = (args: string[], env: Record<string, string> = {}) => rejviz('rejviz-up', [...args, '-c', TEST_URI], { cwd: dir, env: { XDG_STATE_HOME: join(dir, 'state'), ...env } });

const labFile = (playbooks: string) => `name: ${LAB}
templates: { t: { base: tiny-centos7 } }
networks: { lan: { existing: ${NETWORK}, subnet: 198.51.100.0/24 } }
defaults: { template: t }
playbooks: ${playbooks}
machines:
  - { name: db, management: true, plugins: { ssh: {} }, nics: [{ network: lan, address: 198.51.100.10 }] }
`;

test.before(async () => {
  await holdTestDriver();
  dir = await mkdtemp(join(tmpdir(), 'rjv-up-playbooks-'));
  await mkdir(join(dir, 'ansible'));
  await writeFile(join(dir, 'ansible', 'site.yml'), '- hosts: all\n  tasks: []\n');
  await writeFile(join(dir, 'lab.yaml'), labFile('[ansible/site.yml]'));
  // A routed test-driver network with a DHCP range (the test driver only records it).
  await writeFile(join(dir, 'net.xml'), `<network><name>${NETWORK}</name><forward mode='route'/><ip address='198.51.100.1' prefix='24'><dhcp><range start='198.51.100.100' end='198.51.100.199'/></dhcp></ip></network>`);
  await virsh('net-define', join(dir, 'net.xml'));
  await mkdir(join(dir, 'pool'));
  await virsh('pool-create-as', POOL, 'dir', '--target', join(dir, 'pool'));
});
test.after.always(async () => {
  await up(['destroy', '--lab', HOSTS_LAB], { REJVIZ_HOSTS_FILE: join(dir, 'hosts') }).catch(() => undefined);
  await runner.run('virsh', ['-c', TEST_URI, 'pool-destroy', POOL], { allowFailure: true });
  await runner.run('virsh', ['-c', TEST_URI, 'net-undefine', NETWORK], { allowFailure: true });
  releaseTestDriver();
  await rm(dir, { recursive: true, force: true });
});

const nothingOfTheLab = async () => ({
  domains: (await virsh('list', '--all', '--name')).stdout.split('\n').filter((n) => n.startsWith(`${LAB}_`)),
  state: existsSync(join(dir, 'state', 'rejviz', 'labs', LAB)),
});

test.serial('plan, --dry-run and provision --dry-run list the playbooks, as absolute paths from the lab file\'s directory', async (t) => {
  const site = join(dir, 'ansible', 'site.yml');
  const plan = await up(['plan', '-f', 'lab.yaml']);
  t.is(plan.exitCode, 0, plan.stderr);
  t.regex(plan.stdout, new RegExp(`\\n {2}playbooks to run once the machines are created: ${site}\\n$`));
  const json = await up(['plan', '-f', 'lab.yaml', '--json']);
  t.deepEqual((JSON.parse(json.stdout) as LabPlan).playbooks, [site]);
  const dry = await rejviz('rejviz-up', ['-f', join(dir, 'lab.yaml'), '--dry-run', '-c', TEST_URI], { cwd: '/', env: { XDG_STATE_HOME: join(dir, 'state') } });
  t.is(dry.exitCode, 0, dry.stderr);
  t.is(dry.stdout, plan.stdout, 'the same from another directory: paths are the file\'s, not the cwd\'s');

  const provision = await up(['provision', '-f', 'lab.yaml', '--dry-run']);
  t.is(provision.exitCode, 0, provision.stderr);
  t.is(provision.stdout, `would run ansible-playbook -i ${join(dir, 'state', 'rejviz', 'labs', LAB, 'inventory.yml')} ${site} in ${join(dir, 'ansible')} against lab ${LAB} (not run)\n`);
  t.deepEqual(await nothingOfTheLab(), { domains: [], state: false });
});

test.serial('a bad playbook path: one line naming playbooks[I], the value and the fix; exit 2; nothing created', async (t) => {
  await writeFile(join(dir, 'bad.yaml'), labFile('[ansible/site.yml, ansible/missing.yml]'));
  for (const args of [['plan', '-f', 'bad.yaml'], ['-f', 'bad.yaml', '--pool', POOL], ['provision', '-f', 'bad.yaml']]) {
    const res = await up(args);
    t.is(res.exitCode, 2, `${args.join(' ')}: ${res.stderr}`);
    t.is(res.stdout, '');
    t.is(res.stderr.trim().split('\n').at(-1), `rejviz-up: error: bad.yaml:5:31: playbooks[1]: 'ansible/missing.yml' does not exist (${join(dir, 'ansible', 'missing.yml')}); give the path of a playbook file, relative to ${dir}`);
  }
  t.deepEqual(await nothingOfTheLab(), { domains: [], state: false });
  const noState = await up(['provision', '--lab', LAB]);
  t.is(noState.exitCode, 2);
  t.is(noState.stderr, `rejviz-up: error: --lab ${LAB}: no lab of that name has state on this host, so its lab file is not known; give -f FILE\n`);
});

test.serial("etcHosts.host: the lab's block in $REJVIZ_HOSTS_FILE when the lab is ready, the rest kept; destroy takes it out", async (t) => {
  const hostsFile = join(dir, 'hosts');
  const original = '127.0.0.1\tlocalhost\n# the host\'s own\n198.51.100.1 gw\n';
  await writeFile(hostsFile, original);
  await writeFile(join(dir, 'hosts.yaml'), `name: ${HOSTS_LAB}
templates: { t: { base: tiny-centos7 } }
networks: { lan: { existing: ${NETWORK} } }
defaults: { template: t }
plugins: { ansible: { etcHosts: { host: true } } }
machines:
  - { name: db, hostname: pg, nics: [{ network: lan, address: 198.51.100.20 }] }
  - { name: app, nics: [{ network: lan }] }
  - { name: mgmt, management: true, nics: [{ network: lan, address: dhcp }] }
`);
  // The lab as rejviz-up leaves it: the template image in the pool, each domain with its record.
  const planned = await up(['plan', '-f', 'hosts.yaml', '--json']);
  t.is(planned.exitCode, 0, planned.stderr);
  const plan = JSON.parse(planned.stdout) as LabPlan;
  await virsh('vol-create-as', POOL, `rejviz-template_t_${plan.templates[0]!.digest.slice(0, 12)}.qcow2`, '64M', '--format', 'qcow2');
  for (const step of plan.machines) {
    const nics = step.config!.nics.map((n) => `<interface type='network'><mac address='${n.mac}'/><source network='${n.network}'/></interface>`).join('');
    await writeFile(join(dir, 'domain.xml'), `<domain type='test'><name>${step.domain}</name><memory>131072</memory><os><type>hvm</type></os><devices>${nics}</devices></domain>`);
    await virsh('define', join(dir, 'domain.xml'));
    const inner = machineMetadataXml(HOSTS_LAB, step.name, step.config!).replace(/^<[^ ]+ xmlns:[^ ]+/, '<machine').replace(/<\/[^>]+>$/, '</machine>');
    await virsh('metadata', step.domain, LAB_XMLNS, '--key', LAB_XMLNS_KEY, '--set', inner, '--config');
  }
  const app = plan.machines.find((m) => m.name === 'app')!.config!.nics[0]!.address!.split('/')[0];

  const ready = await up(['-f', 'hosts.yaml', '--pool', POOL], { REJVIZ_HOSTS_FILE: hostsFile });
  t.is(ready.exitCode, 0, ready.stderr);
  t.is(ready.stdout, `lab ${HOSTS_LAB} is up as the file says: nothing to do\n`);
  t.true(ready.stderr.includes(`lab ${HOSTS_LAB}: its machines' names are in ${hostsFile}`), ready.stderr);
  // mgmt is reached only through 127.0.0.1:PORT, which a hosts line cannot say: not in the block.
  t.is(await readFile(hostsFile, 'utf8'), `${original}# BEGIN rejviz-up lab ${HOSTS_LAB}\n198.51.100.20 db db.${HOSTS_LAB} pg pg.${HOSTS_LAB}\n${app} app app.${HOSTS_LAB}\n# END rejviz-up lab ${HOSTS_LAB}\n`);

  const destroyed = await up(['destroy', '--lab', HOSTS_LAB], { REJVIZ_HOSTS_FILE: hostsFile });
  t.is(destroyed.exitCode, 0, destroyed.stderr);
  t.is(await readFile(hostsFile, 'utf8'), original, 'byte for byte as before');
});
