// The install request of a lab machine (machine-install-request.ts): virt-install's arguments for
// a machine with lab NICs, and `--network none` for one without (a management NIC only, or none),
// so virt-install does not add its default NIC on libvirt's `default` NAT network.
import test from 'ava';
import { allocateLab, loadLab, machineConfig } from '../src/index.js';
import { machineInstallRequest, type MachineJob } from '../src/create/machine-install-request.js';

const LAB = `name: web
templates:
  t: { base: debian-12 }
networks:
  lab: { subnet: 198.51.100.0/24 }
machines:
  - { name: a, template: t, nics: [{ network: lab, address: 198.51.100.10, mac: "52:54:00:aa:00:01" }] }
  - { name: b, template: t, management: true }
  - { name: c, template: t, seed: false }
`;

async function requests(text = LAB) {
  const lab = await loadLab({ file: 'rejviz.yaml', text });
  const allocation = allocateLab(lab, { random: (n) => Buffer.alloc(n, 7) });
  return Object.fromEntries(lab.machines.map((machine, i) => {
    const job: MachineJob = {
      lab, machine, allocation: allocation[i]!, config: machineConfig(lab, machine, allocation[i]!, new Map([['t', 'd'.repeat(64)]])),
      domain: `web_${machine.name}`, pool: 'default', poolPath: '/pool', templateVolume: 'tpl.qcow2', osinfo: 'debian11',
      connection: { uri: 'test:///default', option: '-c' }, installArgs: ['--graphics', 'none'], consoleLog: null,
    };
    const request = machineInstallRequest(job, undefined);
    return [machine.name, { toolArgs: request.toolArgs ?? [], options: request.options ?? {}, manifest: request.manifest }];
  }));
}

test('a machine with lab NICs: no --network of its own (plugin-mac-match adds one per NIC from the manifest)', async (t) => {
  const { a } = await requests();
  t.deepEqual(a!.toolArgs, ['--import', '--memory', '1024', '--vcpus', '1', '--disk', 'vol=default/web_a.qcow2,bus=virtio', '--noautoconsole', '--graphics', 'none', '--connect', 'test:///default']);
  t.deepEqual(a!.options.nicNetworks, ['eth0=web_lab']);
  t.deepEqual(a!.manifest.nics.map((n) => n.mac), ['52:54:00:aa:00:01']);
});

test('a machine without lab NICs gets --network none, once, before the extra install arguments', async (t) => {
  const { b, c } = await requests();
  for (const request of [b!, c!]) {
    const at = request.toolArgs.indexOf('--network');
    t.not(at, -1);
    t.is(request.toolArgs[at + 1], 'none');
    t.is(request.toolArgs.filter((a) => a === '--network').length, 1);
    t.true(at < request.toolArgs.indexOf('--graphics'));
    t.deepEqual(request.options.nicNetworks, []);
    t.deepEqual(request.manifest.nics, []);
  }
  t.deepEqual(c!.toolArgs, ['--import', '--memory', '1024', '--vcpus', '1', '--disk', 'vol=default/web_c.qcow2,bus=virtio', '--noautoconsole', '--network', 'none', '--graphics', 'none', '--connect', 'test:///default']);
  t.false('hostname' in c!.options, 'seed: false: no seed options');
});

test('a seed on a fast-boot template is applied in cloud-init\'s local stage (--seed-local); not with fastBoot: false', async (t) => {
  const { a, b } = await requests();
  t.is(a!.options.seedLocal, true);
  t.is(b!.options.seedLocal, true);
  const off = await requests(LAB.replace('t: { base: debian-12 }', 't: { base: debian-12, cloudInit: { fastBoot: false } }'));
  t.false('seedLocal' in off.a!.options);
  t.is(off.a!.options.hostname, 'a');
});
