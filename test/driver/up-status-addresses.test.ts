// Tier 1 (driver): rejviz-up status's IP discovery against libvirt's test driver. What the test
// driver really answers: for a running domain, every source (agent, lease, arp) gives the same
// made-up table, one IPv4 address per NIC with its network's prefix (its DHCP range's start, or
// its <ip>, plus a number that grows with the domain's id: not always inside the subnet); for a
// NIC on a network without <ip> it crashes (libvirt 9.0.0), in libvirtd, so status must not ask. A lab with a DHCP NIC
// on an existing network with DHCP, one on a network with an <ip> but no DHCP, a static NIC, a
// DHCP NIC on rejviz-up's own isolated network (no <ip>) and a machine that is shut off: status
// reports a source or an explanation for each, asking only the agent, once, of the one machine.
import { createRunner, createServices } from '@rejviz/core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testNeeding } from '@rejviz/test-support';
import { LAB_XMLNS, LAB_XMLNS_KEY, labStatus, machineMetadataXml, planUp, type MachineStatus } from '@rejviz/up';
import { uniqueName } from '../support/domain.js';
import { rejviz } from '../support/rejviz.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';

const test = testNeeding([{ tool: 'virsh' }, { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' }]);

const LAB = uniqueName('rjvt-upaddr');
const NAT = `${LAB}-nat`;
const ROUTED = `${LAB}-routed`;
const runner = createRunner();
const virsh = (...args: string[]) => runner.run('virsh', ['-c', TEST_URI, ...args]);
let dir = '';

const NETWORKS: Record<string, string> = {
  [NAT]: `<network><name>${NAT}</name><forward mode='nat'/><ip address='192.0.2.1' prefix='24'><dhcp><range start='192.0.2.100' end='192.0.2.199'/></dhcp></ip></network>`,
  [ROUTED]: `<network><name>${ROUTED}</name><forward mode='route'/><ip address='203.0.113.1' prefix='24'/></network>`,
  // As rejviz-up creates a lab's own network: isolated, no address on the host.
  [`${LAB}_lab`]: `<network><name>${LAB}_lab</name></network>`,
};

const LAB_FILE = `name: ${LAB}
templates: { debian: { base: debian-12 } }
networks: { nat: { existing: ${NAT} }, routed: { existing: ${ROUTED} }, lab: { subnet: 198.51.100.0/24 } }
defaults: { template: debian }
machines:
  - { name: dyn, nics: [{ network: nat, address: dhcp }, { network: routed, address: dhcp }, { network: routed, address: 203.0.113.10/24 }] }
  - { name: iso, nics: [{ network: lab, address: dhcp }] }
  - { name: off, nics: [{ network: nat, address: dhcp }] }
`;

test.before(async () => {
  await holdTestDriver();
  dir = await mkdtemp(join(tmpdir(), 'rjv-up-addr-'));
  for (const [name, xml] of Object.entries(NETWORKS)) {
    await writeFile(join(dir, 'network.xml'), xml);
    await virsh('net-define', join(dir, 'network.xml'));
    await virsh('net-start', name);
  }
  const services = await createServices({ env: { ...process.env, XDG_STATE_HOME: dir } });
  const up = await planUp({ file: 'rejviz.yaml', text: LAB_FILE, uri: TEST_URI }, services);
  for (const step of up.plan.machines) {
    const nics = step.config!.nics.map((n) => `<interface type='network'><mac address='${n.mac}'/><source network='${n.network}'/></interface>`).join('');
    await writeFile(join(dir, 'domain.xml'), `<domain type='test'><name>${step.domain}</name><memory>131072</memory><os><type>hvm</type></os><devices>${nics}</devices></domain>`);
    await virsh('define', join(dir, 'domain.xml'));
    const inner = machineMetadataXml(LAB, step.name, step.config!).replace(/^<[^ ]+ xmlns:[^ ]+/, '<machine').replace(/<\/[^>]+>$/, '</machine>');
    await virsh('metadata', step.domain, LAB_XMLNS, '--key', LAB_XMLNS_KEY, '--set', inner, '--config');
    if (step.name !== 'off') await virsh('start', step.domain);
  }
});
test.after.always(async () => {
  for (const m of ['dyn', 'iso', 'off']) {
    await runner.run('virsh', ['-c', TEST_URI, 'destroy', `${LAB}_${m}`], { allowFailure: true });
    await runner.run('virsh', ['-c', TEST_URI, 'undefine', `${LAB}_${m}`], { allowFailure: true });
  }
  for (const n of Object.keys(NETWORKS)) {
    await runner.run('virsh', ['-c', TEST_URI, 'net-destroy', n], { allowFailure: true });
    await runner.run('virsh', ['-c', TEST_URI, 'net-undefine', n], { allowFailure: true });
  }
  releaseTestDriver();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const macs = async (domain: string) => (await virsh('domiflist', domain)).stdout.split('\n').slice(2).map((l) => l.trim().split(/\s+/)[4]).filter(Boolean);

// The agent's table of a domain, as virsh prints it.
const agentTable = async (domain: string) => (await virsh('domifaddr', domain, '--source', 'agent', '--full')).stdout;

test.serial('the test driver answers every source alike: one IPv4 address per NIC, with its network\'s prefix', async (t) => {
  const [nat, routed, fixed] = await macs(`${LAB}_dyn`);
  const tables = [await agentTable(`${LAB}_dyn`), ...(await Promise.all(['lease', 'arp'].map(async (source) => (await virsh('domifaddr', `${LAB}_dyn`, '--source', source, '--full')).stdout)))];
  t.is(tables[1], tables[0]);
  t.is(tables[2], tables[0]);
  t.regex(tables[0]!, new RegExp([
    '^ Name +MAC address +Protocol +Address\\n-{79}\\n',
    ` testnet0 +${nat} +ipv4 +192\\.0\\.\\d+\\.\\d+/24\\n`,
    ` testnet1 +${routed} +ipv4 +203\\.0\\.\\d+\\.\\d+/24\\n`,
    ` testnet2 +${fixed} +ipv4 +203\\.0\\.\\d+\\.\\d+/24\\n\\n$`,
  ].join('')));
  const off = await runner.run('virsh', ['-c', TEST_URI, 'domifaddr', `${LAB}_off`, '--source', 'agent'], { allowFailure: true });
  t.deepEqual([off.exitCode, off.stderr.trim()], [1, 'error: Failed to query for interfaces addresses\nerror: Requested operation is not valid: domain is not running']);
});

test.serial('status: the agent\'s address for each DHCP NIC of a running machine, the plan for a static NIC, and why for the others; one domifaddr in all', async (t) => {
  const services = await createServices({ env: { ...process.env, XDG_STATE_HOME: dir } });
  const status = await labStatus({ lab: LAB, uri: TEST_URI }, services);
  const [dyn, iso, off] = status;
  t.deepEqual(status.map((m) => [m.machine, m.state]), [['dyn', 'running'], ['iso', 'running'], ['off', 'shut off']]);
  t.deepEqual(dyn!.nics.map((n) => [n.source, n.addresses.map((a) => a.source)]), [['agent', ['agent']], ['agent', ['agent']], ['planned', ['planned']]]);
  // Each DHCP NIC has the address the agent's table gives its MAC.
  const table = await agentTable(`${LAB}_dyn`);
  for (const n of dyn!.nics.slice(0, 2)) t.true(new RegExp(` ${n.mac} +ipv4 +${n.address!.replace(/\./g, '\\.')}\n`).test(table), `${n.mac} ${n.address}\n${table}`);
  t.is(dyn!.nics[2]!.address, '203.0.113.10/24');
  t.deepEqual(iso!.nics.map((n) => [n.address, n.source, n.why]), [[null, null, `not asked: libvirt's test driver crashes on domifaddr when a NIC's network has no <ip> (${LAB}_lab)`]]);
  t.deepEqual(off!.nics.map((n) => [n.address, n.source, n.why]), [[null, null, 'the machine is not running (shut off)']]);
  // After finding the lab's domains (labResources), discovery ran two virsh: one reading the three
  // networks of the machine it asks, and the agent of that machine.
  const commands = services.runner.history.map((r) => r.command);
  t.deepEqual(commands.filter((c) => c.includes('domifaddr')), [`virsh -c ${TEST_URI} domifaddr ${LAB}_dyn --source agent --full`]);
  const networks = commands.at(-2)!;
  t.deepEqual([...networks.matchAll(/net-dumpxml ([^;' ]+)/g)].map((m) => m[1]).sort(), [`${LAB}_lab`, NAT, ROUTED].sort(), networks);
  t.is(commands.at(-1), `virsh -c ${TEST_URI} domifaddr ${LAB}_dyn --source agent --full`);
});

test.serial('rejviz-up status --json and the table say the same', async (t) => {
  const json = await rejviz('rejviz-up', ['status', '--lab', LAB, '-c', TEST_URI, '--json'], { env: { XDG_STATE_HOME: dir } });
  t.is(json.exitCode, 0, json.stderr);
  const status = JSON.parse(json.stdout) as MachineStatus[];
  t.deepEqual(status.map((m) => m.nics.map((n) => n.source ?? n.why)), [
    ['agent', 'agent', 'planned'],
    [`not asked: libvirt's test driver crashes on domifaddr when a NIC's network has no <ip> (${LAB}_lab)`],
    ['the machine is not running (shut off)'],
  ]);
  const text = await rejviz('rejviz-up', ['status', '--lab', LAB, '-c', TEST_URI], { env: { XDG_STATE_HOME: dir } });
  t.is(text.exitCode, 0, text.stderr);
  const lines = text.stdout.split('\n');
  t.regex(lines[1]!, /^dyn +running +debian +\d+s +/);
  t.is(lines[1]!.split(/ {2,}/).at(-1), `${status[0]!.nics[0]!.address} (agent), ${status[0]!.nics[1]!.address} (agent), 203.0.113.10/24 (planned)`);
  t.regex(lines[2]!, /^iso +running +debian +\d+s +- \(not asked: libvirt's test driver crashes/);
  t.regex(lines[3]!, /^off +shut off +debian +\d+s +- \(the machine is not running \(shut off\)\)$/);
});
