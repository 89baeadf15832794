// Tier 1 (driver): rejviz-install against libvirt's test driver through libvirtd. The domains it
// defines are real libvirt objects (their XML is read back); nothing boots. Image NICs come from
// hand-written manifests here; the guestfs and boot tiers use manifests from real builds.
import { createRunner, createServices } from '@rejviz/core';
import { install, installPlugins } from '@rejviz/install';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomMac, uniqueName } from '../support/domain.js';
import { testNeeding, scratchDir } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';
import { manifestNic as nic, manifestWith, removeManifestDirs } from '../support/test-manifest.js';

const test = testNeeding([{ tool: 'virsh' }, { tool: 'virt-install' }, { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' }]);

test.before(holdTestDriver);
test.after.always(releaseTestDriver);
test.after.always(removeManifestDirs);

const virsh = async (...args: string[]) => (await createRunner().run('virsh', ['-c', TEST_URI, ...args])).stdout;

const common = (name: string, disk: string) => ['--connect', TEST_URI, '--name', name, '--memory', '256', '--import', '--disk', `path=${disk},format=raw`, '--osinfo', 'centos7.0', '--graphics', 'none', '--noautoconsole'];

/** The domain's interfaces from its XML: [mac, network, model]. */
async function interfaces(name: string): Promise<string[][]> {
  const xml = await virsh('dumpxml', name);
  return [...xml.matchAll(/<interface type='network'>[\s\S]*?<mac address='([^']+)'\/>[\s\S]*?<source network='([^']+)'[\s\S]*?<model type='([^']+)'\/>[\s\S]*?<\/interface>/g)].map((m) => [m[1]!, m[2]!, m[3]!]);
}

async function remove(name: string): Promise<void> {
  await createRunner().run('virsh', ['-c', TEST_URI, 'destroy', name], { allowFailure: true });
  await createRunner().run('virsh', ['-c', TEST_URI, 'undefine', name], { allowFailure: true });
}

for (const count of [1, 2, 3, 4]) {
  test.serial(`${count} image NIC(s): the domain gets the same MACs in guest order, virtio, on the default network`, async (t) => {
    const nics = Array.from({ length: count }, (_, i) => nic(`eth${i}`));
    const { disk, manifest } = await manifestWith(nics);
    const name = uniqueName('rjvt-inst');
    const r = await rejviz('rejviz-install', ['--manifest', manifest, ...common(name, disk), '--json']);
    t.is(r.exitCode, 0, r.stderr);
    try {
      t.deepEqual(await interfaces(name), nics.map((n) => [n.mac, 'default', 'virtio']));
      const out = JSON.parse(r.stdout) as { domain: string; uri: string; nics: { mac: string; network: string; guestName: string }[]; seed: unknown; command: string };
      t.is(out.domain, name);
      t.is(out.uri, TEST_URI);
      t.deepEqual(out.nics, nics.map((n) => ({ mac: n.mac, network: 'default', guestName: n.name })));
      t.is(out.seed, null);
      t.true(out.command.startsWith('virt-install --connect'));
      // The test driver has no TCG/KVM choice: no --virt-type is added on it.
      t.false(out.command.includes('--virt-type'));
    } finally {
      await remove(name);
    }
  });
}

test.serial('a NIC goes to the network whose subnet holds its static address; --nic-network and --default-network override', async (t) => {
  const net = uniqueName('rjvt-net');
  const xml = join(await scratchDir(t, 'rjv-net-'), 'net.xml');
  // The test driver only records the network; nothing is started on the host.
  await writeFile(xml, `<network><name>${net}</name><bridge name='rjvt0'/><ip address='198.51.100.1' prefix='24'/></network>`);
  await virsh('net-define', xml);
  const nics = [nic('eth0'), nic('eth1', ['198.51.100.15/24']), nic('eth2', ['203.0.113.9/24'])];
  const { disk, manifest } = await manifestWith(nics);
  try {
    const plain = await rejviz('rejviz-install', ['--manifest', manifest, ...common(uniqueName('rjvt-x'), disk), '--dry-run', '--json']);
    t.is(plain.exitCode, 0, plain.stderr);
    t.deepEqual((JSON.parse(plain.stdout) as { nics: { network: string }[] }).nics.map((n) => n.network), ['default', net, 'default']);

    // The same manifest as rejviz-builder wrote it before the NIC kept its structure: "ADDRESS/PREFIX"
    // strings, no onlink or defroute. It is still read, and means the same.
    const doc = JSON.parse(await readFile(manifest, 'utf8')) as { nics: { addresses: { address: string; prefix: number }[]; onlink?: unknown; defroute?: unknown }[] };
    const older = { ...doc, nics: doc.nics.map(({ onlink: _o, defroute: _d, ...n }) => ({ ...n, addresses: n.addresses.map((a) => `${a.address}/${a.prefix}`) })) };
    await writeFile(manifest, JSON.stringify(older));
    const fromOlder = await rejviz('rejviz-install', ['--manifest', manifest, ...common(uniqueName('rjvt-x'), disk), '--dry-run', '--json']);
    t.is(fromOlder.exitCode, 0, fromOlder.stderr);
    t.deepEqual((JSON.parse(fromOlder.stdout) as { nics: { network: string }[] }).nics.map((n) => n.network), ['default', net, 'default']);

    const name = uniqueName('rjvt-map');
    const chosen = await rejviz('rejviz-install', ['--manifest', manifest, '--nic-network', `eth0=${net}`, ...common(name, disk)]);
    t.is(chosen.exitCode, 0, chosen.stderr);
    t.deepEqual((await interfaces(name)).map((i) => i[1]), [net, net, 'default']);
    await remove(name);

    const byDefault = await rejviz('rejviz-install', ['--manifest', manifest, '--default-network', net, ...common(uniqueName('rjvt-x'), disk), '--dry-run', '--json']);
    t.deepEqual((JSON.parse(byDefault.stdout) as { nics: { network: string }[] }).nics.map((n) => n.network), [net, net, net]);
  } finally {
    await virsh('net-undefine', net);
  }
});

test.serial("the user's --network with a NIC's MAC wins; one with another MAC becomes an extra NIC after the image's", async (t) => {
  const nics = [nic('eth0'), nic('eth1')];
  const { disk, manifest } = await manifestWith(nics);
  const name = uniqueName('rjvt-user');
  const extra = randomMac();
  const r = await rejviz('rejviz-install', [
    '--manifest', manifest, ...common(name, disk),
    '--network', `network=default,mac=${extra},model=virtio`,
    '--net', `network=default,mac=${nics[1]!.mac.toUpperCase()},model=e1000`,
  ]);
  t.is(r.exitCode, 0, r.stderr);
  try {
    t.deepEqual(await interfaces(name), [[nics[0]!.mac, 'default', 'virtio'], [nics[1]!.mac, 'default', 'e1000'], [extra, 'default', 'virtio']]);
    t.regex(r.stderr, new RegExp(`warning: .*${extra}`));
  } finally {
    await remove(name);
  }
});

test.serial('a MAC another domain already uses is reported before virt-install runs (exit 2, nothing defined)', async (t) => {
  const nics = [nic('eth0'), nic('eth1')];
  const { disk, manifest } = await manifestWith(nics);
  const owner = uniqueName('rjvt-own');
  t.is((await rejviz('rejviz-install', ['--manifest', manifest, ...common(owner, disk)])).exitCode, 0);
  const name = uniqueName('rjvt-dup');
  try {
    const r = await rejviz('rejviz-install', ['--manifest', manifest, ...common(name, disk)]);
    t.is(r.exitCode, 2);
    t.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    t.regex(r.stderr, new RegExp(`NIC eth0: MAC ${nics[0]!.mac} is in use by domain '${owner}' \\(and 1 more MAC in use\\)`));
    t.false((await virsh('list', '--all', '--name')).includes(name));
  } finally {
    await remove(owner);
  }
});

test.serial('bad input: one line, exit 2, nothing defined', async (t) => {
  const { disk, manifest, dir } = await manifestWith([nic('eth0', ['198.51.100.15/24'])]);
  const name = uniqueName('rjvt-bad');
  const cases: [string[], RegExp][] = [
    [['--manifest', manifest, ...common(name, disk), '--nic-network', 'eth0=nosuchnet'], /--nic-network eth0=nosuchnet: no libvirt network 'nosuchnet' \(known: [^)]*\bdefault\b/],
    [['--manifest', manifest, ...common(name, disk), '--nic-network', 'eth9=default'], /--nic-network eth9=default: the image has no NIC eth9 \(its NICs are eth0\)/],
    [['--manifest', manifest, ...common(name, disk), '--default-network', 'nosuchnet'], /NIC eth0: .* --default-network 'nosuchnet' does not exist/],
    [['--manifest', join(dir, 'missing.json'), ...common(name, disk)], /--manifest .*missing\.json: no such file/],
    [['--manifest', manifest, ...common(name, join(dir, 'missing.img'))], /--disk .*missing\.img: no such file; --import boots an existing image/],
    [['--manifest', manifest, ...common('test', disk)], /--name test: a domain of that name is already defined/],
    [['--manifest', manifest, '--connect', TEST_URI, '--import', '--disk', disk], /--name NAME is required/],
  ];
  for (const [args, message] of cases) {
    const r = await rejviz('rejviz-install', args);
    t.is(r.exitCode, 2, `${args.join(' ')}: ${r.stderr}`);
    t.regex(r.stderr, message);
    t.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
  t.false((await virsh('list', '--all', '--name')).includes(name));
});

test.serial('--manifest - reads the manifest from stdin; --dry-run prints the exact command and defines nothing', async (t) => {
  const nics = [nic('eth0'), nic('eth1')];
  const { disk, manifest } = await manifestWith(nics);
  const { readFile } = await import('node:fs/promises');
  const name = uniqueName('rjvt-dry');
  const r = await rejviz('rejviz-install', ['--manifest', '-', ...common(name, disk), '--dry-run'], { input: await readFile(manifest, 'utf8') });
  t.is(r.exitCode, 0, r.stderr);
  t.regex(r.stdout, /^virt-install command \(not run\):\n {2}virt-install --connect/);
  for (const n of nics) t.true(r.stdout.includes(`--network network=default,mac=${n.mac},model=virtio`));
  t.regex(r.stdout, /image NICs \(manifest \(stdin\)\):\n {2}eth0 /);
  t.false((await virsh('list', '--all', '--name')).includes(name));
});

test.serial("without --osinfo the manifest's OS is used (virt-install 4 refuses an import without one); the user's --os-variant wins", async (t) => {
  const { disk, manifest } = await manifestWith([nic('eth0')]);
  const withoutOsinfo = (name: string) => common(name, disk).filter((a, i, all) => a !== '--osinfo' && all[i - 1] !== '--osinfo');
  const name = uniqueName('rjvt-os');
  const r = await rejviz('rejviz-install', ['--manifest', manifest, ...withoutOsinfo(name)]);
  t.is(r.exitCode, 0, r.stderr);
  try {
    // virt-install records the OS it set the domain up for in the libosinfo metadata.
    t.regex(await virsh('dumpxml', name), /<libosinfo:os id="http:\/\/centos\.org\/centos\/7\.0"\/>/);
  } finally {
    await remove(name);
  }
  // An OS this host's osinfo-db has no release of: a generic Linux, which virt-install takes.
  const unlisted = join(dirname(manifest), 'unlisted.json');
  await writeFile(unlisted, JSON.stringify({ ...JSON.parse(await readFile(manifest, 'utf8')), osinfo: 'rejvizos1' }));
  const generic = uniqueName('rjvt-os');
  const g = await rejviz('rejviz-install', ['--manifest', unlisted, ...withoutOsinfo(generic)]);
  t.is(g.exitCode, 0, g.stderr);
  try {
    t.regex(g.stderr, /--osinfo linux2022: this host's osinfo-db has no release of rejvizos1 \(the image's OS\), so the domain is set up for a generic Linux; pass --osinfo to choose/);
    t.regex(await virsh('dumpxml', generic), /<libosinfo:os id="http:\/\/libosinfo\.org\/linux\/2022"\/>/);
  } finally {
    await remove(generic);
  }
  const mine = await rejviz('rejviz-install', ['--manifest', manifest, ...withoutOsinfo(uniqueName('rjvt-os')), '--os-variant', 'linux2020', '--dry-run']);
  t.is(mine.exitCode, 0, mine.stderr);
  t.regex(mine.stdout, / --os-variant linux2020 /);
  t.false(mine.stdout.includes('--osinfo'));
});

test.serial('a failing virt-install passes its exit code through', async (t) => {
  const { disk, manifest } = await manifestWith([nic('eth0')]);
  const r = await rejviz('rejviz-install', ['--manifest', manifest, ...common(uniqueName('rjvt-fail'), disk), '--memory', 'lots']);
  t.not(r.exitCode, 0);
  t.not(r.exitCode, 2);
  t.regex(r.stderr, /rejviz-install: error: virt-install failed with exit code \d+/);
});

test.serial('the library: a name given as a field (no --name among the arguments) names the domain; a different --name is refused, nothing defined', async (t) => {
  const { disk } = await manifestWith([]);
  const nics = [nic('eth0')];
  const manifest = { image: disk, format: 'raw', template: 'tiny-centos7', osinfo: 'centos7.0', nicFormat: 'ifcfg' as const, nics, command: '' };
  const name = uniqueName('rjvt-inst');
  const args = common(name, disk).filter((arg, i, all) => arg !== '--name' && all[i - 1] !== '--name');
  const services = async () => createServices({ plugins: installPlugins() });
  try {
    await install({ name, manifest, toolArgs: args }, await services());
    t.deepEqual(await interfaces(name), [[nics[0]!.mac, 'default', 'virtio']]);
    const other = uniqueName('rjvt-inst');
    const error = await t.throwsAsync(install({ name: other, manifest, toolArgs: [...args, '--name', `${other}x`] }, await services()));
    t.regex(error?.message ?? '', /disagree/);
    t.false((await virsh('list', '--all', '--name')).includes(other));
  } finally {
    await remove(name);
  }
});
