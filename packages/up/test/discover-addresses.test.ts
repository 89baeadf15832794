// IP discovery on recorded virsh output: which sources are asked, in which order, how often, and
// what status says when none answers. The outputs are virsh 9.0.0's on a Debian 12 host (kernel
// 6.18): the error lines were recorded from a domain on an isolated network, one with the
// org.qemu.guest_agent.0 channel and nothing listening in it, one without the channel.
import test from 'ava';
import { libvirtConnection, type Runner, type RunResult } from '@rejviz/core';
import { discoverAddresses, type MachineNics } from '../src/lifecycle/discover-addresses.js';

const HEAD = ' Name       MAC address          Protocol     Address\n-------------------------------------------------------------------------------\n';
const EMPTY = `${HEAD}\n`;
const FAILED = 'error: Failed to query for interfaces addresses\n';
const NOT_CONNECTED = `${FAILED}error: Guest agent is not responding: QEMU guest agent is not connected\n\n`;
const NOT_CONFIGURED = `${FAILED}error: argument unsupported: QEMU guest agent is not configured\n\n`;
const ARP_BROKEN = `${FAILED}error: internal error: wrong nlmsg len\n\n`;

const ISOLATED = "<network>\n  <name>lab_iso</name>\n  <uuid>51bdaff1-8f3a-4f9e-9917-d14f206e3c0a</uuid>\n  <bridge name='virbr1' stp='on' delay='0'/>\n  <mac address='52:54:00:0a:e1:bc'/>\n</network>\n";
const NAT = "<network>\n  <name>default</name>\n  <forward mode='nat'/>\n  <bridge name='virbr0' stp='on' delay='0'/>\n  <ip address='192.168.122.1' netmask='255.255.255.0'>\n    <dhcp>\n      <range start='192.168.122.2' end='192.168.122.254'/>\n    </dhcp>\n  </ip>\n</network>\n";
const NETWORKS: Record<string, string> = { lab_iso: ISOLATED, default: NAT };

type Answer = { stdout?: string; stderr?: string; exitCode?: number };

// virsh as far as discovery uses it: net-dumpxml in one command string (echo separators), and
// domifaddr DOMAIN --source S --full answered from `answers` (by "DOMAIN S"). Every call is kept.
function fakeVirsh(answers: Record<string, Answer>, delayMs = 0): Runner & { calls: string[]; mostAtOnce: number } {
  let running = 0;
  const fake = {
    dryRun: false, history: [], calls: [] as string[], mostAtOnce: 0,
    async run(_file: string, args: readonly string[]): Promise<RunResult> {
      const words = args[0] === '-c' ? args.slice(2) : args;
      const result = (a: Answer): RunResult => ({ command: `virsh ${words.join(' ')}`, exitCode: a.exitCode ?? 0, stdout: a.stdout ?? '', stderr: a.stderr ?? '', durationMs: 0, skipped: false });
      if (words[0]!.startsWith('echo ')) {
        const asked = [...words[0]!.matchAll(/echo (\S+); net-dumpxml ([^;\s]+)/g)];
        fake.calls.push(`net-dumpxml ${asked.map((m) => m[2]).join(' ')}`);
        const missing = asked.filter((m) => !NETWORKS[m[2]!]);
        return result({ stdout: asked.map((m) => `${m[1]}\n${NETWORKS[m[2]!] ?? ''}`).join(''), stderr: missing.map((m) => `error: failed to get network '${m[2]}'\n`).join(''), exitCode: missing.length ? 1 : 0 });
      }
      const [verb, domain, , source] = words;
      fake.calls.push(`${verb} ${domain} ${source}`);
      running++;
      fake.mostAtOnce = Math.max(fake.mostAtOnce, running);
      await new Promise((r) => setTimeout(r, delayMs));
      running--;
      return result(answers[`${domain} ${source}`] ?? { stderr: `${FAILED}error: no recorded answer\n`, exitCode: 1 });
    },
  };
  return fake;
}

const dhcpNic = (mac: string, network = 'lab_iso') => ({ network, mac, address: null });
const machine = (domain: string, nics: MachineNics['nics'], state = 'running'): MachineNics => ({ domain, state, nics });
const SYSTEM = libvirtConnection('qemu:///system');

test('the agent answers: each DHCP NIC gets its usable addresses (IPv4 first, no loopback or link-local); static NICs keep the plan; lease and arp are not asked', async (t) => {
  const virsh = fakeVirsh({
    'lab_a agent': { stdout: `${HEAD} lo         00:00:00:00:00:00    ipv4         127.0.0.1/8
 lo         00:00:00:00:00:00    ipv6         ::1/128
 eth0       52:54:00:bb:00:01    ipv6         2001:db8::20/64
 eth0       52:54:00:bb:00:01    ipv4         198.51.100.20/24
 eth0       52:54:00:bb:00:01    ipv6         fe80::5054:ff:febb:1/64
 eth1       52:54:00:bb:00:02    ipv4         203.0.113.20/24
 eth1       52:54:00:bb:00:02    ipv6         fe80::5054:ff:febb:2/64
 eth2       52:54:00:bb:00:03    ipv4         198.51.100.9/24

` },
  });
  const [a] = await discoverAddresses(virsh, SYSTEM, [machine('lab_a', [dhcpNic('52:54:00:BB:00:01'), dhcpNic('52:54:00:bb:00:02'), { network: 'lab_iso', mac: '52:54:00:bb:00:03', address: '198.51.100.9/24' }])]);
  t.deepEqual(a, [
    { addresses: [{ address: '198.51.100.20/24', source: 'agent' }, { address: '2001:db8::20/64', source: 'agent' }], source: 'agent' },
    { addresses: [{ address: '203.0.113.20/24', source: 'agent' }], source: 'agent' },
    { addresses: [{ address: '198.51.100.9/24', source: 'planned' }], source: 'planned' },
  ]);
  t.deepEqual(virsh.calls, ['net-dumpxml lab_iso', 'domifaddr lab_a agent']);
});

test('no agent, a network with DHCP: the lease answers and arp is not asked', async (t) => {
  const virsh = fakeVirsh({
    'lab_b agent': { stderr: NOT_CONNECTED, exitCode: 1 },
    'lab_b lease': { stdout: `${HEAD} vnet3      52:54:00:bb:00:04    ipv4         192.168.122.57/24\n\n` },
  });
  const [b] = await discoverAddresses(virsh, SYSTEM, [machine('lab_b', [dhcpNic('52:54:00:bb:00:04', 'default')])]);
  t.deepEqual(b, [{ addresses: [{ address: '192.168.122.57/24', source: 'lease' }], source: 'lease' }]);
  t.deepEqual(virsh.calls, ['net-dumpxml default', 'domifaddr lab_b agent', 'domifaddr lab_b lease']);
});

test('nothing answers on an isolated network: lease is not asked (no dnsmasq), and status says why for each source', async (t) => {
  const virsh = fakeVirsh({ 'lab_c agent': { stderr: NOT_CONNECTED, exitCode: 1 }, 'lab_c arp': { stderr: ARP_BROKEN, exitCode: 1 } });
  const [c] = await discoverAddresses(virsh, SYSTEM, [machine('lab_c', [dhcpNic('52:54:00:bb:00:05')])]);
  t.deepEqual(c, [{ addresses: [], source: null, why: 'guest agent not installed or not running in the guest; no DHCP on network lab_iso, so no lease; arp failed (wrong nlmsg len)' }]);
  t.deepEqual(virsh.calls, ['net-dumpxml lab_iso', 'domifaddr lab_c agent', 'domifaddr lab_c arp']);
});

test('the agent reports other MACs only: status names them and says to run rejviz-peek; a domain without the agent channel is told apart', async (t) => {
  const virsh = fakeVirsh({
    'lab_d agent': { stdout: `${HEAD} lo         00:00:00:00:00:00    ipv4         127.0.0.1/8\n eth0       52:54:00:bb:00:99    ipv4         198.51.100.30/24\n\n` },
    'lab_d lease': { stdout: EMPTY },
    'lab_d arp': { stdout: EMPTY },
    'lab_e agent': { stderr: NOT_CONFIGURED, exitCode: 1 },
    'lab_e lease': { stdout: EMPTY },
    'lab_e arp': { stderr: ARP_BROKEN, exitCode: 1 },
  });
  const [d, e] = await discoverAddresses(virsh, SYSTEM, [machine('lab_d', [dhcpNic('52:54:00:bb:00:06', 'default')]), machine('lab_e', [dhcpNic('52:54:00:bb:00:07', 'default')])]);
  t.deepEqual(d, [{
    addresses: [], source: null,
    why: "the agent reports no interface with MAC 52:54:00:bb:00:06 (only 52:54:00:bb:00:99): the MAC in the guest's config does not match the domain's: run rejviz-peek -c qemu:///system lab_d; no DHCP lease for it on network default; no ARP entry for it on the host",
  }]);
  t.deepEqual(e, [{ addresses: [], source: null, why: 'the domain has no guest agent channel (org.qemu.guest_agent.0); no DHCP lease for it on network default; arp failed (wrong nlmsg len)' }]);
});

test('an agent that sees the NIC with only a link-local address says so, and the next source is asked', async (t) => {
  const virsh = fakeVirsh({
    'lab_f agent': { stdout: `${HEAD} eth0       52:54:00:bb:00:08    ipv6         fe80::5054:ff:febb:8/64\n\n` },
    'lab_f arp': { stdout: `${HEAD} vnet5      52:54:00:bb:00:08    ipv4         198.51.100.40/0\n\n` },
  });
  const [f] = await discoverAddresses(virsh, SYSTEM, [machine('lab_f', [dhcpNic('52:54:00:bb:00:08')])]);
  t.deepEqual(f, [{ addresses: [{ address: '198.51.100.40/0', source: 'arp' }], source: 'arp' }]);
  const [g] = await discoverAddresses(fakeVirsh({ 'lab_g agent': { stdout: `${HEAD} eth0       52:54:00:bb:00:09    ipv6         fe80::1/64\n\n` }, 'lab_g arp': { stdout: EMPTY } }), SYSTEM, [machine('lab_g', [dhcpNic('52:54:00:bb:00:09')])]);
  t.is(g![0]!.why, 'the agent reports only link-local or loopback addresses on it; no DHCP on network lab_iso, so no lease; no ARP entry for it on the host');
});

test('a machine that is not running is not asked; one with static NICs only neither; nothing is read then', async (t) => {
  const virsh = fakeVirsh({});
  const found = await discoverAddresses(virsh, SYSTEM, [
    machine('lab_h', [dhcpNic('52:54:00:bb:00:0a'), { network: 'lab_iso', mac: '52:54:00:bb:00:0b', address: '198.51.100.11/24' }], 'shut off'),
    machine('lab_i', [{ network: 'lab_iso', mac: '52:54:00:bb:00:0c', address: '198.51.100.12/24' }]),
  ]);
  t.deepEqual(found, [
    [{ addresses: [], source: null, why: 'the machine is not running (shut off)' }, { addresses: [{ address: '198.51.100.11/24', source: 'planned' }], source: 'planned' }],
    [{ addresses: [{ address: '198.51.100.12/24', source: 'planned' }], source: 'planned' }],
  ]);
  t.deepEqual(virsh.calls, []);
});

test('virsh processes stay bounded: networks read once in one virsh, one domifaddr per machine and source, at most 4 machines at once', async (t) => {
  const answers: Record<string, Answer> = {};
  const machines = Array.from({ length: 10 }, (_, i) => {
    const mac = `52:54:00:cc:00:${String(i).padStart(2, '0')}`;
    answers[`lab_m${i} agent`] = { stdout: `${HEAD} eth0       ${mac}    ipv4         198.51.100.${100 + i}/24\n eth1       52:54:00:dd:00:${String(i).padStart(2, '0')}    ipv4         192.168.122.${100 + i}/24\n\n` };
    return machine(`lab_m${i}`, [dhcpNic(mac), dhcpNic(`52:54:00:dd:00:${String(i).padStart(2, '0')}`, 'default')]);
  });
  const virsh = fakeVirsh(answers, 20);
  const found = await discoverAddresses(virsh, SYSTEM, machines);
  t.deepEqual(found.map((m) => m.map((n) => n.source)), machines.map(() => ['agent', 'agent']));
  t.deepEqual(virsh.calls.filter((c) => c.startsWith('net-dumpxml')), ['net-dumpxml lab_iso default']);
  t.is(virsh.calls.filter((c) => c.startsWith('domifaddr')).length, 10);
  t.is(virsh.mostAtOnce, 4);
});

test("on libvirt's test driver a machine with a NIC on a network without <ip> is not asked (domifaddr would crash libvirtd)", async (t) => {
  const virsh = fakeVirsh({});
  const [j] = await discoverAddresses(virsh, libvirtConnection('test+unix:///default'), [machine('lab_j', [dhcpNic('52:54:00:bb:00:0d')])], true);
  t.deepEqual(j, [{ addresses: [], source: null, why: "not asked: libvirt's test driver crashes on domifaddr when a NIC's network has no <ip> (lab_iso)" }]);
  t.deepEqual(virsh.calls, ['net-dumpxml lab_iso']);
});

test('a network that cannot be read leaves lease to be asked; its explanation then says what lease said', async (t) => {
  const virsh = fakeVirsh({ 'lab_k agent': { stderr: NOT_CONNECTED, exitCode: 1 }, 'lab_k lease': { stderr: `${FAILED}error: Network not found: no network with matching name 'gone'\n`, exitCode: 1 }, 'lab_k arp': { stdout: EMPTY } });
  const [k] = await discoverAddresses(virsh, SYSTEM, [machine('lab_k', [dhcpNic('52:54:00:bb:00:0e', 'gone')])]);
  t.is(k![0]!.why, "guest agent not installed or not running in the guest; lease: Network not found: no network with matching name 'gone'; no ARP entry for it on the host");
});
