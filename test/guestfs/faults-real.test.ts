// The fault suite with the real tools, one case per command (issue 11): a stop signal arrives
// while the real virt-builder, virt-customize, virt-sysprep or guestfish has its libguestfs
// appliance running. The run must exit 128 + N and leave no image, no secret (the RHSM
// registration script), no temporary file in its TMPDIR and no process: not the tool, not its
// appliance (qemu) nor libguestfs's recovery process.
import { readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { signalExitCode } from '@rejviz/core';
import { hasRepository, testRunDir } from '../support/env.js';
import { extRead } from '../support/ext-image.js';
import { tinyDisk } from '../support/fixture-disks.js';
import { entries, startRun, waitUntil, type FaultRun } from '../support/fault-run.js';
import { testNeeding } from '@rejviz/test-support';

const test = testNeeding([
  { tool: 'virt-builder' }, { tool: 'virt-customize' }, { tool: 'virt-sysprep' }, { tool: 'guestfish' }, { tool: 'debugfs' },
  { check: hasRepository, what: 'the offline template repository (fixtures/images/build)' },
]);

const RHSM = ['--rhsm-org', 'fault-org', '--rhsm-activation-key', 'fault-key-S3CRET'];

/** Waits until the run's libguestfs appliance (qemu) is up: the tool is well into its work. */
async function applianceRunning(run: FaultRun): Promise<void> {
  await waitUntil(async () => {
    for (const pid of await run.leftovers()) {
      if ((await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).startsWith('qemu-system')) return true;
    }
    return false;
  }, `the appliance of the run to start; stderr: ${run.stderr()}`, 120_000);
}

async function fresh(name: string): Promise<string> {
  const dir = join(testRunDir(), name);
  await mkdir(dir, { recursive: true });
  return dir;
}

test.serial('rejviz-builder: SIGTERM while virt-builder runs its appliance: exit 143, no image, secret or process left', async (t) => {
  const dir = await fresh('fault-real-builder');
  const run = await startRun('rejviz-builder', ['tiny-centos7', '--no-network', '-o', 'vm.img', '--nic', 'name=eth0', '--manifest', 'vm.json', ...RHSM], { cwd: dir });
  await applianceRunning(run);
  run.kill('SIGTERM');
  t.is(await run.exit, 143, run.stderr());
  t.regex(run.stderr(), /rejviz-builder: interrupted by SIGTERM/);
  t.deepEqual(entries(dir), []);
  t.deepEqual(entries(run.tmp), []);
  t.deepEqual(await run.leftovers(), []);
});

for (const [bin, signal] of [['rejviz-customize', 'SIGHUP'], ['rejviz-sysprep', 'SIGQUIT']] as const) {
  test.serial(`${bin}: ${signal} while the tool runs its appliance: exit ${signalExitCode(signal)}, no secret or process left`, async (t) => {
    const dir = await fresh(`fault-real-${bin}`);
    const disk = await tinyDisk(join(dir, 'disk.img'));
    const run = await startRun(bin, ['-a', disk, '--nic', 'name=eth0', '--nic-format', 'ifcfg', ...RHSM]);
    await applianceRunning(run);
    run.kill(signal);
    t.is(await run.exit, signalExitCode(signal), run.stderr());
    t.regex(run.stderr(), new RegExp(`${bin}: interrupted by ${signal}`));
    t.deepEqual(entries(run.tmp), []);
    t.deepEqual(await run.leftovers(), []);
  });
}

test.serial('rejviz-peek: SIGINT while guestfish reads the image: exit 130, no probe directory or process left', async (t) => {
  const dir = await fresh('fault-real-peek');
  const disk = await tinyDisk(join(dir, 'disk.img'));
  const run = await startRun('rejviz-peek', ['-a', disk]);
  await applianceRunning(run);
  run.kill('SIGINT');
  t.is(await run.exit, 130, run.stderr());
  t.deepEqual(entries(run.tmp), []);
  t.deepEqual(await run.leftovers(), []);
});

test.serial('two rejviz-customize runs on one image at once: one customizes it, the other is stopped by the image lock, says so and changes nothing', async (t) => {
  const dir = await fresh('fault-real-concurrent');
  const disk = await tinyDisk(join(dir, 'disk.img'));
  const runs = await Promise.all(['a', 'b'].map((host) => startRun('rejviz-customize', ['--format', 'raw', '-a', disk, '--no-network', '--hostname', `host-${host}`, '--nic', 'name=eth0', '--nic-format', 'ifcfg'])));
  const codes = await Promise.all(runs.map((r) => r.exit));
  // The loser is refused before it starts (exit 2) when the winner's appliance already holds the
  // image, or fails to start its own (exit 1) when both started at once; either way it says why.
  const winnerIndex = codes.indexOf(0);
  t.true(winnerIndex >= 0 && [1, 2].includes(codes[1 - winnerIndex] ?? -1), runs.map((r) => r.stderr()).join('\n'));
  const loser = runs[1 - winnerIndex]!;
  t.regex(loser.stderr(), /is in use by another program \(qemu holds its image locks/);
  const winner = ['a', 'b'][winnerIndex]!;
  const [hostname] = await extRead(disk, ['cat /etc/hostname']);
  t.is(hostname?.trim(), `host-${winner}`, "the image has the winner's change only");
  for (const run of runs) {
    t.deepEqual(entries(run.tmp), []);
    t.deepEqual(await run.leftovers(), []);
  }
});
