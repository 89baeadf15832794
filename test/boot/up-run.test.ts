// Tier 3: rejviz-up run TEMPLATE, the one-VM lab without a file, through the bin as a user types
// it, on qemu:///system: the template is built (rejviz-builder's library, no appliance network),
// the VM is an overlay on it with the asked NIC on the isolated network, and it runs; the same
// command again changes nothing; a bad --nic is refused before anything is made; status and
// destroy take it by --lab NAME and destroy leaves nothing of it.
import { createRunner } from '@rejviz/core';
import { testNeeding } from '@rejviz/test-support';
import { ISOLATED_NETWORK, SYSTEM, uniqueName, virsh } from '../support/domain.js';
import { hasRepository } from '../support/env.js';
import { rejviz } from '../support/rejviz.js';

const test = testNeeding([
  { tool: 'virt-builder' }, { tool: 'virt-install' }, { tool: 'unshare' }, { tool: 'virsh' },
  { check: hasRepository, what: 'fixture repository (fixtures/images/build)' },
]);

const NAME = uniqueName('rjvt-run');
const ARGS = ['run', 'tiny-centos7', '--name', NAME, '--nic', `network=${ISOLATED_NETWORK},address=198.51.100.77/24`, '--memory', '128M', '-c', SYSTEM];
const names = async (...args: string[]) => (await virsh(...args)).split('\n').map((l) => l.trim()).filter(Boolean);
const volumes = async () => (await names('vol-list', 'default')).slice(2).map((l) => l.split(/\s+/)[0]!);
const inventory = async () => ({
  domains: (await names('list', '--all', '--name')).filter((n) => n.startsWith(`${NAME}_`)),
  volumes: (await volumes()).filter((n) => n.startsWith(`${NAME}_`)),
});

let templatesBefore: string[] = [];
test.before(async () => {
  templatesBefore = (await volumes()).filter((v) => v.startsWith('rejviz-template_tiny-centos7_'));
});
test.after.always(async () => {
  await rejviz('rejviz-up', ['destroy', '--lab', NAME, '-c', SYSTEM]);
  // The template this file built (none other had its content), so the next run builds it again.
  for (const v of (await volumes()).filter((x) => x.startsWith('rejviz-template_tiny-centos7_') && !templatesBefore.includes(x))) {
    await createRunner().run('virsh', ['-c', SYSTEM, 'vol-delete', '--pool', 'default', v], { allowFailure: true });
  }
});

test.serial('rejviz-up run: one VM from a template without a lab file; again: nothing to do; destroy --lab: nothing left', async (t) => {
  const plan = await rejviz('rejviz-up', [...ARGS, '--dry-run']);
  t.is(plan.exitCode, 0, plan.stderr);
  t.regex(plan.stdout, new RegExp(`${NAME}_vm: create`));
  t.deepEqual(await inventory(), { domains: [], volumes: [] }, '--dry-run makes nothing');

  const bad = await rejviz('rejviz-up', [...ARGS.slice(0, 5), `network=${ISOLATED_NETWORK},address=198.51.100.300`, ...ARGS.slice(6)]);
  t.is(bad.exitCode, 2);
  t.regex(bad.stderr, /^rejviz-up: error: --nic #1 .*address=198\.51\.100\.300 is not an IP address/m);
  t.deepEqual(await inventory(), { domains: [], volumes: [] }, 'a bad --nic makes nothing');

  const first = await rejviz('rejviz-up', ARGS);
  t.is(first.exitCode, 0, first.stderr);
  t.regex(first.stdout, new RegExp(`lab ${NAME}: \\d change\\(s\\) made`));
  // Progress (not a terminal: plain lines on stderr), one per ended phase of the machine, in order.
  const phases = [...first.stderr.matchAll(new RegExp(`^rejviz-up: lab ${NAME}: vm: (\\w+) in \\d+\\.\\d s$`, 'gm'))].map((m) => m[1]);
  t.deepEqual(phases, ['disk', 'seed', 'define', 'boot', 'ready'], first.stderr);
  t.is((await virsh('domstate', `${NAME}_vm`)).trim(), 'running');
  t.deepEqual(await inventory(), { domains: [`${NAME}_vm`], volumes: [`${NAME}_vm-cidata.iso`, `${NAME}_vm.qcow2`] });
  t.regex(await virsh('domiflist', `${NAME}_vm`), new RegExp(`network\\s+${ISOLATED_NETWORK}\\s+virtio\\s+52:54:00:`));
  t.regex(await virsh('vol-dumpxml', '--pool', 'default', `${NAME}_vm.qcow2`), /<backingStore>[\s\S]*rejviz-template_tiny-centos7_/, 'the disk is an overlay on the template');

  const status = await rejviz('rejviz-up', ['status', '--lab', NAME, '-c', SYSTEM, '--json']);
  t.is(status.exitCode, 0, status.stderr);
  const machines = JSON.parse(status.stdout) as { machine: string; state: string; nics: { address: string | null }[] }[];
  t.deepEqual(machines.map((m) => [m.machine, m.state, m.nics.map((n) => n.address)]), [['vm', 'running', ['198.51.100.77/24']]]);

  const again = await rejviz('rejviz-up', ARGS);
  t.is(again.exitCode, 0, again.stderr);
  t.is(again.stdout, `lab ${NAME} is up as asked: nothing to do\n`);
  // --json: NDJSON; nothing to do, so no progress events, only the result.
  const json = await rejviz('rejviz-up', [...ARGS, '--json']);
  t.is(json.exitCode, 0, json.stderr);
  const lines = json.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { event: string; plan?: { changes: number } });
  t.deepEqual(lines.map((l) => [l.event, l.plan?.changes]), [['result', 0]]);

  const destroyed = await rejviz('rejviz-up', ['destroy', '--lab', NAME, '-c', SYSTEM]);
  t.is(destroyed.exitCode, 0, destroyed.stderr);
  t.deepEqual(await inventory(), { domains: [], volumes: [] });
});
