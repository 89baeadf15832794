// Tier 3: the pipeline of docs/install.md, as a user types it: rejviz-builder's manifest piped into
// rejviz-install, which defines and starts a domain whose NICs carry the image's MACs in guest
// order. Test additions only: a serial log to read the guest's markers, the fixture repository,
// and REJVIZ_DEFAULT_NETWORK so that no NIC lands on libvirt's NAT network.
import { createRunner } from '@rejviz/core';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IMAGES, ISOLATED_NETWORK, randomMac, removeDomain, serialLog, SYSTEM, uniqueName, virsh, waitForSerial } from '../support/domain.js';
import { hasRepository, REPO_ROOT, testRunDir, toolEnv, virtType } from '../support/env.js';
import { guestfishRead } from '../support/guestfish.js';
import { testNeeding } from '@rejviz/test-support';

const test = testNeeding([{ tool: 'virt-builder' }, { tool: 'virt-install' }, { tool: 'unshare' }, { check: hasRepository, what: 'fixture repository (fixtures/images/build)' }]);

const name = uniqueName('rjvt-pipe');
test.after.always(async () => {
  await removeDomain(name);
  await rm(testRunDir(), { recursive: true, force: true });
});

/** The chain exactly as docs/install.md gives it, with IMG and vm1 filled in. */
export function pipelineChain(img: string, domain: string): string {
  return `rejviz-builder tiny-centos7 --nic name=eth0 --nic name=eth1,ipaddr=198.51.100.15/24 -o ${img} --json | ` +
    `rejviz-install --manifest - --name ${domain} --memory 256 --import --disk ${img} --noautoconsole --osinfo centos7.0`;
}

test('rejviz-builder --json | rejviz-install --manifest -: the domain NICs have the image MACs and both come up', async (t) => {
  const img = join(IMAGES, `${name}.img`);
  const chain = `${pipelineChain(img, name)} --serial file,path=${serialLog(name)}`;
  const docs = await readFile(join(REPO_ROOT, 'docs', 'install.md'), 'utf8');
  t.true(docs.includes(pipelineChain('vm.img', 'vm1')), 'docs/install.md shows the chain this test runs');
  // set -o pipefail: a failing rejviz-builder must fail the chain, not just leave stdin empty.
  const r = await createRunner().run('unshare', ['-n', 'bash', '-c', `set -o pipefail; ${chain}`], {
    env: { ...(await toolEnv()), PATH: `${join(REPO_ROOT, 'node_modules', '.bin')}:${process.env.PATH}`, REJVIZ_DEFAULT_NETWORK: ISOLATED_NETWORK },
    allowFailure: true,
  });
  t.is(r.exitCode, 0, r.stderr);
  // No --virt-type in the chain: where KVM is unusable rejviz-install says it falls back to TCG.
  if ((await virtType()) === 'qemu') t.regex(r.stderr, /rejviz-install: KVM is not usable here \(.*\); the guest runs under TCG \(--virt-type qemu\)/);
  // The MACs in the image's own ifcfg files, read back with guestfish (read-only: the domain runs).
  const files = await guestfishRead(img, ['cat /etc/sysconfig/network-scripts/ifcfg-eth0', 'cat /etc/sysconfig/network-scripts/ifcfg-eth1'], { env: await toolEnv(), format: 'raw' });
  const imageMacs = files.map((f) => /^HWADDR=(\S+)$/m.exec(f)?.[1]?.toLowerCase());
  const domiflist = await virsh('domiflist', name);
  const domainMacs = [...domiflist.matchAll(/([0-9a-f]{2}(?::[0-9a-f]{2}){5})/g)].map((m) => m[1]);
  t.deepEqual(domainMacs, imageMacs);
  t.regex(domiflist, new RegExp(`network\\s+${ISOLATED_NETWORK}\\s+virtio\\s+${imageMacs[0]}`));
  const log = await waitForSerial(name, /login:/, 180_000);
  // eth0 asks for DHCP (no server on the isolated network answers), eth1 has its static address.
  t.regex(log, new RegExp(`TINY-NET-DHCP eth0 mac=${imageMacs[0]}`));
  t.regex(log, new RegExp(`TINY-NET-UP eth1 198\\.51\\.100\\.15/24 mac=${imageMacs[1]}`));
  t.notRegex(log, /TINY-NET-NOMATCH/);

  // rejviz-peek agrees while the domain runs; after eth1 gets another MAC (as with virsh edit),
  // it reports the inconsistency naming the NIC and both MACs, and exits 1.
  const peek = (...args: string[]) => createRunner().run(process.execPath, [join(REPO_ROOT, 'packages/peek/dist/bin/rejviz-peek.js'), '-c', SYSTEM, ...args, name], { allowFailure: true });
  const running = await peek();
  t.is(running.exitCode, 0, running.stdout + running.stderr);
  t.regex(running.stdout, /^consistent$/m);
  await virsh('destroy', name);
  const other = randomMac();
  const xml = (await virsh('dumpxml', name)).replace(`<mac address='${imageMacs[1]}'/>`, `<mac address='${other}'/>`);
  t.true(xml.includes(other));
  const file = join(testRunDir(), 'edited.xml');
  await writeFile(file, xml);
  await virsh('define', file);
  const changed = await peek();
  t.is(changed.exitCode, 1, changed.stdout + changed.stderr);
  t.regex(changed.stdout, new RegExp(`ERROR {3}eth1: the guest config /etc/sysconfig/network-scripts/ifcfg-eth1 \\(ifcfg\\) is for MAC ${imageMacs[1]}, but the domain's NIC #2 \\(network ${ISOLATED_NETWORK}\\) has MAC ${other}`));
});
