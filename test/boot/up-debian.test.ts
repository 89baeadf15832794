// Tier 3: a two-machine lab from the debian-12 template on the isolated network, through the
// rejviz-up bin on qemu:///system: both machines boot and cloud-init sets the address each was
// planned (network-config by MAC from the NoCloud seed), as the guest agent reports from inside
// the guest. Then the same for a machine that `make up` of `rejviz-up gen --makefile` creates (the
// template is the one the first lab built: same profile, same digest). `make destroy` and
// `rejviz-up destroy` leave nothing. The bin runs under unshare -n; the template is built with
// --no-network (network: false). d1 has a management NIC: the guest's sshd answers on its port
// on 127.0.0.1, and nothing listens there after destroy.
import { createRunner } from '@rejviz/core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testNeeding } from '@rejviz/test-support';
import { addressLine, agentAddresses } from '../support/agent.js';
import { ISOLATED_NETWORK, SYSTEM, uniqueName, virsh } from '../support/domain.js';
import { hasRepository } from '../support/env.js';
import { rejviz } from '../support/rejviz.js';

const test = testNeeding([
  { tool: 'virt-builder' }, { tool: 'virt-install' }, { tool: 'unshare' }, { tool: 'virsh' }, { tool: 'make' }, { tool: 'qemu-img' }, { tool: 'genisoimage' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

const LAB = uniqueName('rjvt-deb');
const GEN = uniqueName('rjvt-debgen');
// A profile content of this file's own, so that this run builds (and removes) its template.
const MARK = uniqueName('mark');
const labFile = (name: string, machines: string) => `name: ${name}
templates:
  debian: { base: debian-12, sysprep: false, network: false, runCommand: ["echo ${MARK} > /etc/rejviz-lab"] }
networks:
  iso: { existing: ${ISOLATED_NETWORK}, subnet: 198.51.100.0/24 }
defaults: { template: debian, memory: 768M }
machines:
${machines}`;
const FIRST = labFile(LAB, '  - { name: d1, management: true, nics: [{ network: iso, address: 198.51.100.61 }] }\n  - { name: d2, nics: [{ network: iso, address: 198.51.100.62 }] }\n');
const SECOND = labFile(GEN, '  - { name: g1, nics: [{ network: iso, address: 198.51.100.63 }] }\n');

const names = async (...args: string[]) => (await virsh(...args)).split('\n').map((l) => l.trim()).filter(Boolean);
const inventory = async (lab: string) => ({
  domains: (await names('list', '--all', '--name')).filter((n) => n.startsWith(`${lab}_`)),
  volumes: (await names('vol-list', 'default')).slice(2).map((l) => l.split(/\s+/)[0]!).filter((n) => n.startsWith(`${lab}_`)),
});

let dir = '';
let template = '';
test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rjv-up-debian-'));
  await writeFile(join(dir, 'lab.yaml'), FIRST);
  await writeFile(join(dir, 'gen.yaml'), SECOND);
});
test.after.always(async () => {
  await createRunner().run('make', ['-C', join(dir, 'make'), 'destroy'], { allowFailure: true });
  for (const file of ['lab.yaml', 'gen.yaml']) await rejviz('rejviz-up', ['destroy', '-f', file, '-c', SYSTEM], { cwd: dir });
  if (template) await createRunner().run('virsh', ['-c', SYSTEM, 'vol-delete', '--pool', 'default', template], { allowFailure: true });
  await rm(dir, { recursive: true, force: true });
});

test.serial('a debian-12 lab: both machines get their planned addresses inside the guest; a gen Makefile machine too; destroy leaves nothing', async (t) => {
  const up = await rejviz('rejviz-up', ['-f', 'lab.yaml', '-c', SYSTEM, '--json'], { cwd: dir });
  t.is(up.exitCode, 0, up.stderr);
  const result = JSON.parse(up.stdout.trimEnd().split('\n').pop()!) as { event: string; plan: { templates: { name: string; digest: string; action: string }[] } };
  t.deepEqual(result.plan.templates.map((x) => [x.name, x.action]), [['debian', 'build']]);
  template = `rejviz-template_debian_${result.plan.templates[0]!.digest.slice(0, 12)}.qcow2`;
  const ready = (up.stdout.match(/"phase":"ready","status":"done"/g) ?? []).length;
  t.is(ready, 2, 'NDJSON: both machines reached ready');

  // Both guests boot at once; each reports its planned address on its planned MAC.
  const macs = Object.fromEntries(await Promise.all(['d1', 'd2'].map(async (m) => [m, /52:54:00(:[0-9a-f]{2}){3}/.exec(await virsh('domiflist', `${LAB}_${m}`))![0]] as const)));
  const tables = await Promise.all([['d1', '198.51.100.61/24'], ['d2', '198.51.100.62/24']].map(([m, a]) => agentAddresses(`${LAB}_${m}`, a!, 420_000)));
  t.regex(addressLine(tables[0]!, '198.51.100.61/24'), new RegExp(` ${macs.d1} ipv4 198\\.51\\.100\\.61/24$`));
  t.regex(addressLine(tables[1]!, '198.51.100.62/24'), new RegExp(` ${macs.d2} ipv4 198\\.51\\.100\\.62/24$`));
  // d1's management NIC: qemu's restricted user-mode NIC, up in the guest as mgmt0 with slirp's
  // address on its own MAC (from the seed), and the guest's sshd reached through the forward on
  // 127.0.0.1 only, which qemu listens on.
  const d1Xml = await virsh('dumpxml', `${LAB}_d1`);
  const mgmt = /hostfwd=tcp:127\.0\.0\.1:(\d+)-:22[\s\S]*?mac=(52:54:00(?::[0-9a-f]{2}){3})/.exec(d1Xml);
  t.truthy(mgmt, 'the management NIC is in the domain');
  const mgmtTable = await agentAddresses(`${LAB}_d1`, '10.0.2.15/24', 120_000);
  t.regex(addressLine(mgmtTable, '10.0.2.15/24'), new RegExp(`^mgmt0 ${mgmt![2]} ipv4 10\\.0\\.2\\.15/24$`));
  const listening = await createRunner().run('ss', ['-Hltnp', `sport = :${mgmt![1]}`]);
  t.regex(listening.stdout, new RegExp(`^LISTEN .* 127\\.0\\.0\\.1:${mgmt![1]} .*qemu`, 'm'), listening.stdout);
  // The local address of every socket on that port (the fourth column): loopback only.
  t.deepEqual(listening.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/)[3]), [`127.0.0.1:${mgmt![1]}`], 'loopback only');
  let scan = '';
  for (let i = 0; i < 60 && !scan.includes('ssh-ed25519'); i++) {
    scan = (await createRunner().run('ssh-keyscan', ['-T', '5', '-t', 'ed25519', '-p', mgmt![1]!, '127.0.0.1'], { allowFailure: true })).stdout;
    if (!scan.includes('ssh-ed25519')) await new Promise((r) => setTimeout(r, 2000));
  }
  t.regex(scan, new RegExp(`^\\[127\\.0\\.0\\.1\\]:${mgmt![1]} ssh-ed25519 `, 'm'), 'the guest sshd answers through the forward');

  const host = await createRunner().run('virsh', ['-c', SYSTEM, 'qemu-agent-command', `${LAB}_d2`, '{"execute":"guest-get-host-name"}']);
  t.is((JSON.parse(host.stdout) as { return: { 'host-name': string } }).return['host-name'], 'd2', 'the seed named the host');

  // gen: the Makefile lab uses the cached template (no build) and comes up with make alone.
  const gen = await rejviz('rejviz-up', ['gen', '--makefile', 'make', '-f', 'gen.yaml', '-c', SYSTEM], { cwd: dir });
  t.is(gen.exitCode, 0, gen.stderr);
  t.notRegex(gen.stderr, /building template/, 'the template of the first lab is reused');
  const makeUp = await createRunner().run('make', ['-C', join(dir, 'make'), 'up'], { allowFailure: true });
  t.is(makeUp.exitCode, 0, makeUp.stderr);
  const genTable = await agentAddresses(`${GEN}_g1`, '198.51.100.63/24', 420_000);
  t.regex(addressLine(genTable, '198.51.100.63/24'), / 52:54:00(:[0-9a-f]{2}){3} ipv4 198\.51\.100\.63\/24$/);
  const makeDown = await createRunner().run('make', ['-C', join(dir, 'make'), 'destroy'], { allowFailure: true });
  t.is(makeDown.exitCode, 0, makeDown.stderr);
  t.deepEqual(await inventory(GEN), { domains: [], volumes: [] }, 'make destroy leaves nothing of its lab');

  const destroyed = await rejviz('rejviz-up', ['destroy', '-f', 'lab.yaml', '-c', SYSTEM], { cwd: dir });
  t.is(destroyed.exitCode, 0, destroyed.stderr);
  t.deepEqual(await inventory(LAB), { domains: [], volumes: [] }, 'rejviz-up destroy leaves nothing of its lab');
  t.is((await createRunner().run('ss', ['-Hltn', `sport = :${mgmt![1]}`])).stdout.trim(), '', 'no port left listening');
});
