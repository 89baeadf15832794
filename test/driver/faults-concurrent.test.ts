// The fault suite, runs at once (issue 11): two rejviz-builder runs on one output, a file that
// appears at the output during a build, two rejviz-install runs of one domain name. The fake tools
// hold both runs until both are planned (FAKE_MODE=wait-go), so the race is always there; the
// outcome must be one complete result and a clear error, never a mix or a replaced file.
import { createRunner } from '@rejviz/core';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SYSTEM } from '../support/domain.js';
import { builderCase, installCase } from '../support/fault-cases.js';
import { entries, startRun, toolReady } from '../support/fault-run.js';
import { testNeeding } from '@rejviz/test-support';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';

const test = testNeeding([
  { tool: 'virsh' }, { tool: 'virt-install' }, { tool: 'virt-builder' }, { tool: 'qemu-img' }, { tool: 'genisoimage' },
  { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' },
]);

test.before(holdTestDriver);
test.after.always(releaseTestDriver);

/** Starts the same case twice, both held in the tool until `go` exists. */
async function twice(args: string[], env: Record<string, string>, dir: string) {
  const go = join(dir, 'go');
  const runs = await Promise.all(['a', 'b'].map((n) => startRun('rejviz-builder', args, { env: { ...env, FAKE_MODE: 'wait-go', FAKE_READY: join(dir, `ready-${n}`), FAKE_GO: go } })));
  await Promise.all(['a', 'b'].map((n) => toolReady(join(dir, `ready-${n}`))));
  await writeFile(go, '');
  return runs;
}

const outPaths = (args: string[]) => ({ image: args[args.indexOf('-o') + 1]!, manifest: args[args.indexOf('--manifest') + 1]! });

test('two builds to one output: one publishes image and manifest together, the other says so and leaves nothing', async (t) => {
  const c = await builderCase();
  const { image, manifest } = outPaths(c.args);
  const runs = await twice(c.args, c.env, join(image, '..', '..'));
  const codes = await Promise.all(runs.map((r) => r.exit));
  t.deepEqual([...codes].sort(), [0, 2], runs.map((r) => r.stderr()).join('\n'));
  const loser = runs[codes.indexOf(2)]!;
  t.regex(loser.stderr(), /rejviz-builder: error: -o \S+vm\.img: a file appeared there while this run was working .*pass --force to replace it/);
  t.deepEqual(entries(join(image, '..')).sort(), ['vm.img', 'vm.json'], 'no temporary file is left');
  // The image and the manifest are the same run's: the manifest's command names the temporary
  // file that run's tool wrote, and the image says which file it was written as.
  const written = (await readFile(image, 'utf8')).replace('fake image written to ', '').trim();
  t.true((JSON.parse(await readFile(manifest, 'utf8')) as { command: string }).command.includes(written));
});

test('with --force both succeed, and the result is one whole run', async (t) => {
  const c = await builderCase(['--force']);
  const { image, manifest } = outPaths(c.args);
  const runs = await twice(c.args, c.env, join(image, '..', '..'));
  t.deepEqual(await Promise.all(runs.map((r) => r.exit)), [0, 0]);
  t.deepEqual(entries(join(image, '..')).sort(), ['vm.img', 'vm.json']);
  const written = (await readFile(image, 'utf8')).replace('fake image written to ', '').trim();
  t.true((JSON.parse(await readFile(manifest, 'utf8')) as { command: string }).command.includes(written));
});

test('a file that appears at the output during the build is never replaced', async (t) => {
  const c = await builderCase();
  const { image } = outPaths(c.args);
  const dir = join(image, '..', '..');
  const run = await startRun('rejviz-builder', c.args, { env: { ...c.env, FAKE_MODE: 'wait-go', FAKE_READY: join(dir, 'ready'), FAKE_GO: join(dir, 'go') } });
  await toolReady(join(dir, 'ready'));
  await writeFile(image, "the user's own file\n");
  await writeFile(join(dir, 'go'), '');
  t.is(await run.exit, 2, run.stderr());
  t.regex(run.stderr(), /a file appeared there while this run was working/);
  t.is(await readFile(image, 'utf8'), "the user's own file\n");
  t.deepEqual(entries(join(image, '..')), ['vm.img'], 'no manifest, no temporary file');
});

test('two installs of one name at once: one seed volume, made by the run that won; the other fails and removes none', async (t) => {
  const c = await installCase();
  t.teardown(async () => void (await createRunner().run('virsh', ['-c', SYSTEM, 'vol-delete', '--pool', 'default', `${c.name}-cidata.iso`], { allowFailure: true })));
  const dir = join(c.ready, '..');
  const go = join(dir, 'go');
  // Held in (fake) virt-install: by then each has tried to create NAME-cidata.iso.
  const runs = await Promise.all(['a', 'b'].map((n) => startRun(c.bin, c.args, { env: { ...c.env, FAKE_MODE: 'wait-go', FAKE_READY: join(dir, `ready-${n}`), FAKE_GO: go } })));
  const first = await Promise.race(runs.map((r, i) => r.exit.then(() => i)));
  // One run failed creating the volume the other made; the other waits in the tool.
  const loser = runs[first]!;
  const winner = runs[1 - first]!;
  // It failed either planning (the volume was already there) or creating it (it appeared meanwhile).
  t.true([1, 2].includes((await loser.exit) ?? -1), loser.stderr());
  t.regex(loser.stderr(), /already has a volume|vol-create-as/);
  await toolReady(join(dir, first === 0 ? 'ready-b' : 'ready-a'));
  await writeFile(go, '');
  t.is(await winner.exit, 0, winner.stderr());
  t.deepEqual(await c.remains(), [`seed volume default/${c.name}-cidata.iso`], "the winner's seed is still there");
});

test('two real virt-installs of one domain: the loser removes nothing; the domain is the winner\'s', async (t) => {
  const c = await installCase();
  t.teardown(async () => {
    await createRunner().run('virsh', ['-c', TEST_URI, 'destroy', c.name], { allowFailure: true });
    await createRunner().run('virsh', ['-c', TEST_URI, 'undefine', c.name], { allowFailure: true });
  });
  const disk = c.args[c.args.indexOf('--disk') + 1]!;
  const manifest = c.args[c.args.indexOf('--manifest') + 1]!;
  const dir = join(c.ready, '..');
  const go = join(dir, 'go');
  const args = ['--connect', TEST_URI, '--manifest', manifest, '--nic-network', 'eth0=default', '--name', c.name, '--memory', '128', '--import', '--disk', disk, '--osinfo', 'centos7.0', '--noautoconsole', '--json'];
  const runs = await Promise.all(['a', 'b'].map((n) => startRun(c.bin, args, { env: { ...c.env, FAKE_MODE: 'wait-go', FAKE_REAL: '1', FAKE_READY: join(dir, `ready-${n}`), FAKE_GO: go } })));
  await Promise.all(['a', 'b'].map((n) => toolReady(join(dir, `ready-${n}`))));
  await writeFile(go, '');
  const codes = await Promise.all(runs.map((r) => r.exit));
  t.deepEqual([...codes].sort(), [0, 1], runs.map((r) => r.stderr()).join('\n'));
  const winner = runs[codes.indexOf(0)]!;
  const uuid = /--uuid ([0-9a-f-]{36})/.exec((JSON.parse(winner.stdout()) as { command: string }).command)?.[1];
  const found = await createRunner().run('virsh', ['-c', TEST_URI, 'domuuid', c.name]);
  t.truthy(uuid);
  t.is(found.stdout.trim(), uuid ?? "(no --uuid in the command)");
});
