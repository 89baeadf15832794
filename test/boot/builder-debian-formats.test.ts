// Tier 3: debian-12 built by rejviz-builder with --nic-format netplan and keyfile, the matching
// network stack switched on with a customize option; the guest agent reports the static address
// on the MAC, and rejviz-peek on the domain finds that format's config and judges it consistent.
// The other formats are not booted here: the netns tier applies every format's rendered files with
// the real stacks (ifupdown, ifupdown-ng, busybox, networkd, netplan with networkd and with
// NetworkManager, NetworkManager; test/netns), guestfs/peek reads ENI and ifcfg images, and a
// booted guest costs about five minutes of the suite's 40 on two TCG cores. netplan is the one
// kept for networkd because only a booted guest runs netplan's systemd generator at boot.
import { parseImageManifest } from '@rejviz/core';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { addressLine, agentAddresses } from '../support/agent.js';
import { hasRepository, testRunDir } from '../support/env.js';
import { IMAGES, removeDomain, startDomain, SYSTEM, uniqueName, virsh, waitForSerial } from '../support/domain.js';
import { testNeeding } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';

const test = testNeeding([{ tool: 'virt-builder' }, { tool: 'virt-install' }, { tool: 'unshare' }, { check: hasRepository, what: 'fixture repository (fixtures/images/build)' }]);

const names: string[] = [];
test.after.always(async () => {
  for (const n of names) await removeDomain(n);
  await rm(testRunDir(), { recursive: true, force: true });
});

// How to make each stack the active one in the debian-12 fixture (ifupdown is on by default).
const ENABLE: Record<string, string> = {
  netplan: 'systemctl disable networking.service && systemctl enable systemd-networkd.service',
  keyfile: 'systemctl disable networking.service && systemctl enable NetworkManager.service',
};

const cases: [string, string][] = [['netplan', '198.51.100.23'], ['keyfile', '198.51.100.24']];

for (const [format, ip] of cases) {
  test.serial(`--nic-format ${format}: the agent reports ${ip}/24 on the planned MAC`, async (t) => {
    const name = uniqueName(`rjvt-${format}`);
    names.push(name);
    const disk = join(IMAGES, `${name}.qcow2`);
    const res = await rejviz('rejviz-builder', [
      'debian-12', '--nic', `name=eth0,ipaddr=${ip}/24,gateway=198.51.100.1`, '--nic-format', format,
      '--run-command', ENABLE[format]!, '--hostname', name, '-o', disk, '--format', 'qcow2', '--no-network', '--json',
    ]);
    t.is(res.exitCode, 0, res.stderr);
    const m = await parseImageManifest(res.stdout, 'stdout');
    t.is(m.nicFormat, format);
    const mac = m.nics[0]!.mac;
    await startDomain({ name, disk, macs: [mac], memoryMiB: 1024, vcpus: 2, osinfo: 'debian11' });
    await waitForSerial(name, /login:/, 300_000);
    const table = await agentAddresses(name, `${ip}/24`, 150_000);
    t.is(addressLine(table, `${ip}/24`), `eth0 ${mac} ipv4 ${ip}/24`);
    // Peeked shut off: a running TCG guest halves the appliance's speed on two cores (peeking a
    // running domain is tested with the seeded debian-12 and the pipeline's tiny domain).
    await virsh('destroy', name);
    const peek = await rejviz('rejviz-peek', ['-c', SYSTEM, name, '--json']);
    t.is(peek.exitCode, 0, peek.stdout + peek.stderr);
    const report = JSON.parse(peek.stdout) as { target: { state: string }; network: { format: string }; configs: { format: string; mac: string | null; name: string | null; addresses: string[] }[]; verdicts: { level: string; kind: string }[] };
    t.is(report.target.state, 'shut off');
    t.is(report.network.format, format, 'peek names the stack that is active');
    const ours = report.configs.find((c) => c.format === format && c.addresses.includes(`${ip}/24`));
    t.truthy(ours, JSON.stringify(report.configs));
    t.is(ours!.mac, mac);
    await removeDomain(name);
  });
}
