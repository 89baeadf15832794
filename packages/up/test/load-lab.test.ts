// The lab file: a good one resolved in full, ${NAME} expansion, and a table of bad files, each
// refused with one line naming file, line, column, key path, value and fix.

import test from 'ava';
import { parseNetworkXml } from '@rejviz/core/libvirt-xml';
import { libvirtFixture } from '@rejviz/test-support';
import { allocateLab, configChanges, LabFileError, loadLab, machineConfig, templateBuildArgs, templateDigest, type LabInput } from '../src/index.js';

const GOOD = `name: web
defaults:
  memory: 1G
  template: debian
  groups: [all]
templates:
  base:
    base: debian-12
    packages: [curl]
    userData:
      runcmd: [echo base]
  debian:
    extends: base
    packages: [nginx]
    size: 6G
    vcpus: 2
networks:
  lab:
    subnet: 198.51.100.0/24
    gateway: 198.51.100.1
machines:
  - name: db
    memory: 2048
    disk: 10G
    disks: [{ size: 1G }, { size: 512M, format: raw }]
    nics:
      - { network: lab, address: 198.51.100.10/24, mac: "52:54:00:AA:00:01" }
    userData:
      runcmd: [echo db]
  - name: app
    count: 2
    groups: [apps]
    nics:
      - { network: lab, address: 198.51.100.20 }
      - { network: lab }
`;

const load = (text: string, more: Partial<LabInput> = {}) => loadLab({ file: 'rejviz.yaml', text, ...more });

test('a good lab file resolves: inheritance, count, sizes in MiB, addresses', async (t) => {
  const lab = await load(GOOD);
  t.is(lab.name, 'web');
  t.deepEqual(lab.templates.map((x) => [x.name, x.base, x.packages, x.sizeMiB, x.sysprep]), [
    ['base', 'debian-12', ['curl'], null, []],
    ['debian', 'debian-12', ['curl', 'nginx'], 6144, []],
  ]);
  t.deepEqual(lab.networks, [{
    name: 'lab', libvirtName: 'web_lab', create: true, subnet: { address: '198.51.100.0', prefix: 24, family: 4 },
    gateway: '198.51.100.1', dns: [], hostAddress: null, dhcpRanges: [], dhcpHosts: [],
  }]);
  t.deepEqual(lab.machines.map((m) => m.name), ['db', 'app-1', 'app-2']);
  const [db, app1, app2] = lab.machines;
  t.is(db!.memoryMiB, 2048);
  t.is(db!.vcpus, 2, 'from the profile');
  t.is(db!.diskMiB, 10240);
  t.deepEqual(db!.disks, [{ sizeMiB: 1024, format: 'qcow2' }, { sizeMiB: 512, format: 'raw' }]);
  t.deepEqual(db!.nics, [{ network: 'lab', address: { kind: 'static', address: '198.51.100.10', prefix: 24 }, mac: '52:54:00:aa:00:01', gateway: '198.51.100.1' }]);
  t.deepEqual(db!.userData, { runcmd: ['echo base', 'echo db'] }, 'lists in userData add up down the chain');
  t.is(app1!.memoryMiB, 1024, 'from defaults');
  t.deepEqual(app1!.groups, ['all', 'apps']);
  t.deepEqual(app1!.nics.map((n) => n.address), [{ kind: 'static', address: '198.51.100.20', prefix: 24 }, { kind: 'auto' }]);
  t.deepEqual(app2!.nics[0]!.address, { kind: 'static', address: '198.51.100.21', prefix: 24 }, 'count: the next address for the next machine');
  t.is(app2!.hostname, 'app-2');
});

test('${NAME}: --var over the environment over vars:; whole values keep their number type; other braces stay', async (t) => {
  const text = `name: v
vars: { MEM: 512, NET: "198.51.100", GREETING: "hello \${WHO}", WHO: world }
templates: { t: { base: debian-12 } }
networks: { n: { subnet: "\${NET}.0/24" } }
machines:
  - name: m
    template: t
    memory: \${MEM}
    count: \${N}
    userData:
      runcmd: ["echo \${GREETING} {{ ds.meta_data.instance_id }} \${HOME:-/root} $\${LITERAL}"]
`;
  const lab = await load(text, { vars: { N: '2' }, env: { MEM: '768', N: '5' } });
  t.is(lab.machines.length, 2, '--var wins over the environment');
  t.is(lab.machines[0]!.memoryMiB, 768, 'the environment wins over vars:');
  t.deepEqual(lab.machines[0]!.userData, { runcmd: ['echo hello world {{ ds.meta_data.instance_id }} ${HOME:-/root} ${LITERAL}'] });
  t.deepEqual(lab.networks[0]!.subnet, { address: '198.51.100.0', prefix: 24, family: 4 });
});

test('an existing network takes its subnet, host address and DHCP range from libvirt', async (t) => {
  const libvirtNetworks = [parseNetworkXml(libvirtFixture('default-network.xml'))];
  const text = `name: e
templates: { t: { base: debian-12 } }
networks: { nat: { existing: default } }
machines: [{ name: m, template: t, nics: [{ network: nat }] }]
`;
  const lab = await load(text, { libvirtNetworks });
  t.deepEqual(lab.machines[0]!.nics[0]!.address, { kind: 'auto' }, 'the subnet is known: the address is allocated');
  t.deepEqual(lab.networks[0], {
    name: 'nat', libvirtName: 'default', create: false, subnet: { address: '192.168.122.0', prefix: 24, family: 4 },
    gateway: null, dns: [], hostAddress: '192.168.122.1', dhcpRanges: [{ start: '192.168.122.2', end: '192.168.122.254' }], dhcpHosts: [],
  });
  const withAddress = (a: string) => text.replace('{ network: nat }', `{ network: nat, address: ${a} }`);
  const host = await t.throwsAsync(load(withAddress('192.168.122.1'), { libvirtNetworks }), { instanceOf: LabFileError });
  t.is(host?.message, "rejviz.yaml:4:68: machines[0].nics[0].address: '192.168.122.1' is the host's own address on default; give a free address in 192.168.122.0/24, or write auto");
  const dhcp = await t.throwsAsync(load(withAddress('192.168.122.5'), { libvirtNetworks }), { instanceOf: LabFileError });
  t.is(dhcp?.message, "rejviz.yaml:4:68: machines[0].nics[0].address: '192.168.122.5' is in the DHCP range 192.168.122.2-192.168.122.254 of default; give a free address in 192.168.122.0/24, or write auto");
  const missing = await t.throwsAsync(load(text.replace('existing: default', 'existing: nonet'), { libvirtNetworks }), { instanceOf: LabFileError });
  t.is(missing?.message, "rejviz.yaml:3:30: networks.nat.existing: libvirt has no network 'nonet'; use one that virsh net-list --all shows (default), or leave existing out to have rejviz-up create an isolated one");
});

// [what is wrong, the file, the exact message]. Every case starts from a valid file.
const BAD: [string, string, string][] = [
  ['not YAML', 'name: [unclosed\nmachines: []\n', "rejviz.yaml:2:1: not valid YAML"],
  ['a key twice', 'name: a\nname: b\nmachines: []\n', 'rejviz.yaml:2:1: not valid YAML: Map keys must be unique; fix the YAML syntax there'],
  ['not a map', '- a\n- b\n', 'rejviz.yaml:1:1: a list is not valid; expected a lab: templates built once, networks, and the machines cloned from the templates (docs/up.md)'],
  ['unknown top-level key', GOOD.replace('defaults:', 'defualts:'), "rejviz.yaml:2:1: defualts: unknown key 'defualts'; did you mean 'defaults'? the keys here are name, vars, defaults, templates, networks, machines, playbooks, plugins"],
  ['unknown machine key', GOOD.replace('    memory: 2048', '    memroy: 2048'), "rejviz.yaml:23:5: machines[0].memroy: unknown key 'memroy'; did you mean 'memory'? the keys here are name, count, hostname, template, memory, vcpus, disk, disks, nics, groups, userData, seed, management, plugins"],
  ['unknown NIC key', GOOD.replace('address: 198.51.100.20 }', 'adress: 198.51.100.20 }'), "rejviz.yaml:34:25: machines[1].nics[0].adress: unknown key 'adress'; did you mean 'address'? the keys here are network, address, mac, gateway"],
  ['no name', GOOD.replace('name: web\n', ''), "rejviz.yaml:1:1: 'name' is missing; add name: here (expected a lab: templates built once, networks, and the machines cloned from the templates (docs/up.md))"],
  ['bad lab name', GOOD.replace('name: web', 'name: Web_1'), "rejviz.yaml:1:7: name: 'Web_1' is not valid; expected a lab name: 1-32 of a-z, 0-9 and '-', starting with a letter (it prefixes every domain, volume and network of the lab)"],
  ['no machines', GOOD.slice(0, GOOD.indexOf('machines:')) + 'machines: []\n', 'rejviz.yaml:21:11: machines: a list is not valid; expected a list of machines, each with at least a name'],
  ['machine without a name', GOOD.replace('  - name: app\n', '  - hostname: h\n'), "rejviz.yaml:30:5: machines[1]: 'name' is missing; add name: here (expected a machine: name (required), count, template and the machine settings)"],
  ['wrong type: vcpus as text', GOOD.replace('    vcpus: 2', '    vcpus: two'), "rejviz.yaml:16:12: templates.debian.vcpus: 'two' is not valid; expected a number of virtual CPUs from 1 to 64"],
  ['bad memory text', GOOD.replace('memory: 2048', 'memory: 12Q'), "rejviz.yaml:23:13: machines[0].memory: '12Q' is not valid; expected a size in MiB, or a number with a unit: 512M, 2G, 1.5G, 1T"],
  ['memory too small', GOOD.replace('memory: 2048', 'memory: 16M'), "rejviz.yaml:23:13: machines[0].memory: '16M' is not a memory size a machine can have; give 64M to 4T: MiB as a number (2048) or with a unit (2G)"],
  ['memory zero', GOOD.replace('memory: 2048', 'memory: 0'), "rejviz.yaml:23:13: machines[0].memory: 0 is not valid; expected a size in MiB, or a number with a unit: 512M, 2G, 1.5G, 1T"],
  ['bad count', GOOD.replace('count: 2', 'count: 0'), 'rejviz.yaml:31:12: machines[1].count: 0 is not valid; expected a number of alike machines from 1 to 100 (named NAME-1 ... NAME-N)'],
  ['count as text', GOOD.replace('count: 2', 'count: many'), "rejviz.yaml:31:12: machines[1].count: 'many' is not valid; expected a number of alike machines from 1 to 100 (named NAME-1 ... NAME-N)"],
  ['duplicate machine name', GOOD.replace('name: app', 'name: db').replace('    count: 2\n', ''), "rejviz.yaml:30:11: machines[1].name: a second machine named 'db' (machines[0] has it); give each machine its own name; count: N names them NAME-1 ... NAME-N"],
  ['count names one taken', GOOD.replace('name: db', 'name: app-2'), "rejviz.yaml:30:11: machines[1].name: a second machine named 'app-2' (machines[0] has it, with count: 2); give each machine its own name; count: N names them NAME-1 ... NAME-N"],
  ['missing template profile', GOOD.replace('  - name: app\n', '  - name: app\n    template: centos\n'), "rejviz.yaml:31:15: machines[1].template: 'centos' is not a template profile; the profiles are: base, debian"],
  ['no template at all', GOOD.replace('  template: debian\n', ''), "rejviz.yaml:21:5: machines[0]: the machine 'db' has no template; add template: PROFILE to it or to defaults: (the profiles are: base, debian)"],
  ['extends a missing profile', GOOD.replace('extends: base', 'extends: bsae'), "rejviz.yaml:13:14: templates.debian.extends: 'bsae' is not a template profile; the profiles are: base, debian"],
  ['cycle in inheritance', GOOD.replace('    base: debian-12\n', '    extends: debian\n'), 'rejviz.yaml:13:14: templates.debian.extends: the profiles extend each other in a cycle (base -> debian -> base); let one of them name its base instead'],
  ['profile without base', GOOD.replace('    base: debian-12\n', '    run: [setup.sh]\n'), "rejviz.yaml:8:5: templates.base: the profile 'base' has no base or image; add base: TEMPLATE (a virt-builder template, e.g. debian-12) or image: URL|KEY (a cloud image, e.g. debian-12) to it or to a profile it extends"],
  ['address outside the subnet', GOOD.replace('198.51.100.10/24', '203.0.113.10/24'), "rejviz.yaml:27:34: machines[0].nics[0].address: '203.0.113.10/24' is outside the subnet of lab (198.51.100.0/24); give a free address in 198.51.100.0/24, or write auto"],
  ['address is the gateway', GOOD.replace('198.51.100.10/24', '198.51.100.1/24'), "rejviz.yaml:27:34: machines[0].nics[0].address: '198.51.100.1/24' is the gateway of lab; give a free address in 198.51.100.0/24, or write auto"],
  ['address is the broadcast address', GOOD.replace('198.51.100.10/24', '198.51.100.255/24'), "rejviz.yaml:27:34: machines[0].nics[0].address: '198.51.100.255/24' is the network or broadcast address of lab (198.51.100.0/24); give a free address in 198.51.100.0/24, or write auto"],
  ['wrong prefix', GOOD.replace('198.51.100.10/24', '198.51.100.10/16'), "rejviz.yaml:27:34: machines[0].nics[0].address: '198.51.100.10/16' has prefix /16, the subnet of lab (198.51.100.0/24) has /24; give a free address in 198.51.100.0/24, or write auto"],
  ['not an address', GOOD.replace('198.51.100.10/24', 'db.example'), "rejviz.yaml:27:34: machines[0].nics[0].address: 'db.example' is not an address; write auto, dhcp, or ADDRESS/PREFIX such as 198.51.100.10/24"],
  ['duplicate address', GOOD.replace('198.51.100.20', '198.51.100.10'), 'rejviz.yaml:34:34: machines[1].nics[0].address: 198.51.100.10 is given to db and to app-1; give each machine its own address, or write auto'],
  ['count runs into another address', GOOD.replace('198.51.100.20', '198.51.100.9'), 'rejviz.yaml:34:34: machines[1].nics[0].address: 198.51.100.10 is given to db and to app-2; give each machine its own address, or write auto'],
  ['count runs past the subnet', GOOD.replace('198.51.100.20', '198.51.100.254'), "rejviz.yaml:34:34: machines[1].nics[0].address: 198.51.100.255/24 (machine 2 of the count, counting from '198.51.100.254') is the network or broadcast address of lab (198.51.100.0/24); give a free address in 198.51.100.0/24, or write auto"],
  ['duplicate MAC', GOOD.replace('      - { network: lab }\n', '').replace('count: 2', 'count: 1').replace('address: 198.51.100.20 }', 'address: 198.51.100.20, mac: "52:54:00:aa:00:01" }'), 'rejviz.yaml:34:54: machines[1].nics[0].mac: 52:54:00:aa:00:01 is given to db and to app-1; give each NIC its own MAC, or leave mac out'],
  ['multicast MAC', GOOD.replace('52:54:00:AA:00:01', '01:00:5e:00:00:01'), "rejviz.yaml:27:57: machines[0].nics[0].mac: '01:00:5e:00:00:01' is not a unicast MAC address; write e.g. 52:54:00:12:34:56 (the first byte even), or leave mac out"],
  ['a MAC for count machines', GOOD.replace('address: 198.51.100.20 }', 'address: 198.51.100.20, mac: "52:54:00:aa:00:09" }'), "rejviz.yaml:34:54: machines[1].nics[0].mac: one MAC for count: 2 machines; leave mac out: rejviz-up gives each machine its own"],
  ['unknown network', GOOD.replace('{ network: lab }', '{ network: lan }'), "rejviz.yaml:35:20: machines[1].nics[1].network: 'lan' is not a network of the lab; the networks are: lab"],
  ['subnet with host bits', GOOD.replace('198.51.100.0/24', '198.51.100.7/24'), "rejviz.yaml:19:13: networks.lab.subnet: '198.51.100.7/24' has host bits set; write 198.51.100.0/24"],
  ['gateway outside the subnet', GOOD.replace('gateway: 198.51.100.1', 'gateway: 203.0.113.1'), "rejviz.yaml:20:14: networks.lab.gateway: '203.0.113.1' is outside the subnet 198.51.100.0/24; give an address inside the subnet, or leave gateway out"],
  ['auto without a subnet', GOOD.replace('    subnet: 198.51.100.0/24\n    gateway: 198.51.100.1\n', '    existing: isolated\n').replace('{ network: lab }', '{ network: lab, address: auto }').replace(', address: 198.51.100.10/24', '').replace('{ network: lab, address: 198.51.100.20 }', '{ network: lab }'), "rejviz.yaml:34:34: machines[1].nics[1].address: auto needs the subnet of 'lab'; add subnet: ADDRESS/PREFIX under networks.lab, or write address: dhcp"],
  ['an undefined variable', GOOD.replace('memory: 2048', 'memory: ${MEMORY}'), "rejviz.yaml:23:13: machines[0].memory: ${MEMORY} is not defined; give --var MEMORY=VALUE, set it in the environment or under vars:, or write $${MEMORY} for a literal ${MEMORY}"],
  ['a cycle of variables', GOOD.replace('name: web\n', 'name: web\nvars: { A: "${B}", B: "x${A}" }\n'), 'rejviz.yaml:2:12: vars.A: the variables refer to each other in a cycle (A -> B -> A); give one of them a value that uses no other'],
  ['bad template name key', GOOD.replace('  debian:\n', '  Debian:\n').replace('template: debian', 'template: Debian'), "rejviz.yaml:4:13: defaults.template: 'Debian' is not valid; expected a name: 1-32 of a-z, 0-9 and '-', starting with a letter"],
  ['disk size', GOOD.replace('disk: 10G', 'disk: 10GB'), "rejviz.yaml:24:11: machines[0].disk: '10GB' is not valid; expected a size in MiB, or a number with a unit: 512M, 2G, 1.5G, 1T"],
  ['extra disk without size', GOOD.replace('{ size: 1G }', '{ format: qcow2 }'), "rejviz.yaml:25:13: machines[0].disks[0]: 'size' is missing; add size: here (expected an extra disk: size (required), and format (qcow2 or raw))"],
  ['seed: false with a planned address', GOOD.replace('    memory: 2048\n', '    memory: 2048\n    seed: false\n').replace('    userData:\n      runcmd: [echo base]\n', '').replace('    userData:\n      runcmd: [echo db]\n', ''), "rejviz.yaml:22:11: machines[0].seed: false, but 'db' has a planned address on 'lab', which only the seed's network-config delivers; give its NICs address: dhcp, or drop seed: false"],
  ['seed: false with userData', GOOD.replace('  groups: [all]\n', '  groups: [all]\n  seed: false\n'), "rejviz.yaml:6:9: defaults.seed: false, but the machine 'db' has userData, which only the seed delivers; drop seed: false, or the userData"],
  ['seed: false with management: true', GOOD.replace('  groups: [all]\n', '  groups: [all]\n  seed: false\n  management: true\n'), "rejviz.yaml:6:9: defaults.seed: false, but the machine 'db' has management: true, whose NIC only the seed's network-config brings up; drop seed: false, or management: true"],
  ['management not a boolean', GOOD.replace('    memory: 2048\n', '    memory: 2048\n    management: yes please\n'), "rejviz.yaml:24:17: machines[0].management: 'yes please' is not valid; expected false (the default) or true: a management NIC besides the lab's, for reaching the machine from this host when the lab networks are not routed to it: user-mode networking with restrict=on (the guest reaches nothing through it) and ssh forwarded from a free port on 127.0.0.1; needs the seed"],
  ['hostname with count', GOOD.replace('    count: 2\n', '    count: 2\n    hostname: app\n'), 'rejviz.yaml:32:15: machines[1].hostname: one hostname for count: 2 machines; leave hostname out: each machine is named NAME-1 ... NAME-N'],
];

for (const [what, text, message] of BAD) {
  test(`bad lab file: ${what}`, async (t) => {
    const err = await t.throwsAsync(load(text), { instanceOf: LabFileError });
    t.is(err?.exitCode, 2);
    t.is(err?.code, 'RJV-INPUT');
    if (message.endsWith('not valid YAML')) t.true(err!.message.startsWith(message), err?.message);
    else t.is(err?.message, message);
    t.false(err!.message.includes('\n'), 'one line');
  });
}

test('network: false builds the profile with --no-network (inherited down the chain); it does not change the digest', async (t) => {
  const text = (network: string) => `name: web\ntemplates:\n  base: { base: tiny-centos7${network} }\n  child: { extends: base, runCommand: ['true'] }\nmachines: [{ name: m, template: child }]\n`;
  const off = await load(text(', network: false'));
  const on = await load(text(''));
  t.deepEqual(off.templates.map((x) => x.buildNetwork), [false, false]);
  t.deepEqual(on.templates.map((x) => x.buildNetwork), [true, true]);
  t.deepEqual(templateBuildArgs(off.templates[1]!), ['--no-network', '--run-command', 'true']);
  t.deepEqual(templateBuildArgs(on.templates[1]!), ['--run-command', 'true']);
  t.is(templateDigest(off.templates[1]!), templateDigest(on.templates[1]!));
  const bad = await t.throwsAsync(load(text(', network: "no"')));
  t.regex(bad!.message, /^rejviz\.yaml:3:\d+: templates\.base\.network: /);
});

test('seed: false is in the machine config only when false (older records stay equal); a change reads "seed removed"', async (t) => {
  const text = (seed: string) => `name: web\ntemplates: { t: { base: tiny-centos7 } }\nnetworks: { n: { existing: default } }\ndefaults: { template: t${seed} }\nmachines: [{ name: m, nics: [{ network: n, address: dhcp }] }]\n`;
  const libvirtNetworks = [parseNetworkXml(libvirtFixture('default-network.xml'))];
  const config = async (seed: string) => {
    const lab = await load(text(seed), { libvirtNetworks });
    const allocation = allocateLab(lab, { random: (n) => new Uint8Array(n).fill(7) });
    return { lab, config: machineConfig(lab, lab.machines[0]!, allocation[0]!, new Map()) };
  };
  const on = await config('');
  const off = await config(', seed: false');
  t.true(on.lab.machines[0]!.seed);
  t.false(off.lab.machines[0]!.seed);
  t.false('seed' in on.config);
  t.is(off.config.seed, false);
  t.deepEqual(configChanges(on.config, off.config), ['seed removed']);
  t.deepEqual(configChanges(off.config, on.config), ['seed added']);
});
