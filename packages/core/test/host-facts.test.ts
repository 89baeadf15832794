import test from 'ava';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { release } from 'node:os';
import { join } from 'node:path';
import type { Runner, RunResult } from '../src/exec.js';
import { guestfsEnv, hostFactsPath, loadHostFacts, probeHostFacts, type HostFacts } from '../src/host-facts.js';
import { scratchDir, type Teardown } from '@rejviz/test-support';

const tcgFacts: HostFacts = {
  kvm: false, reason: 'x', virtType: 'qemu', libguestfsBackendSettings: 'force_tcg',
  kernel: release(), qemu: 'QEMU 7.2', checkedAt: '2026-01-01T00:00:00Z',
};

// A scripted runner: unit tests check the decision logic; the real probe runs in host-setup.
function fakeRunner(probe: Partial<RunResult>): Runner & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    dryRun: false, history: [], calls,
    async run(file, args) {
      calls.push([file, ...args]);
      const base = { command: file, stdout: '', stderr: '', durationMs: 0, skipped: false, exitCode: 0 };
      return args[0] === '--version' ? { ...base, stdout: 'QEMU emulator version 7.2\n' } : { ...base, ...probe };
    },
  };
}

test('guestfsEnv forces TCG for libguestfs when KVM does not work', (t) => {
  t.deepEqual(guestfsEnv(tcgFacts, {}), { LIBGUESTFS_BACKEND: 'direct', LIBGUESTFS_BACKEND_SETTINGS: 'force_tcg' });
});

test('guestfsEnv leaves libguestfs alone when KVM works, and the user settings win', (t) => {
  const kvm = { ...tcgFacts, kvm: true, virtType: 'kvm' as const, libguestfsBackendSettings: null };
  t.deepEqual(guestfsEnv(kvm, {}), { LIBGUESTFS_BACKEND: 'direct' });
  t.deepEqual(guestfsEnv(tcgFacts, { LIBGUESTFS_BACKEND_SETTINGS: 'force_kvm' }).LIBGUESTFS_BACKEND_SETTINGS, 'force_kvm');
});

test('REJVIZ_STATE_DIR decides where facts are recorded', (t) => {
  t.is(hostFactsPath({ REJVIZ_STATE_DIR: '/x/y' }), '/x/y/host.json');
});

test('recorded facts for this kernel are read without probing', async (t) => {
  const dir = await scratchDir(t, 'rjv-facts-');
  await writeFile(join(dir, 'host.json'), JSON.stringify(tcgFacts));
  const runner = fakeRunner({});
  const facts = await loadHostFacts(runner, { REJVIZ_STATE_DIR: dir });
  t.deepEqual(facts, tcgFacts);
  t.is(runner.calls.length, 0);
});

test('facts from another kernel are probed again and recorded', async (t) => {
  const dir = await scratchDir(t, 'rjv-facts-');
  await writeFile(join(dir, 'host.json'), JSON.stringify({ ...tcgFacts, kernel: 'other' }));
  const runner = fakeRunner({ exitCode: 134, stderr: 'kvm_buf_set_msrs: Assertion failed' });
  const facts = await loadHostFacts(runner, { REJVIZ_STATE_DIR: dir });
  t.is(facts.kernel, release());
  t.true(runner.calls.length > 0);
  t.deepEqual(JSON.parse(await readFile(join(dir, 'host.json'), 'utf8')), facts);
});

test('qemu aborting under KVM means TCG, with the reason', async (t) => {
  const facts = await probeHostFacts(fakeRunner({ exitCode: 134, stderr: 'warning\nkvm_buf_set_msrs: Assertion failed\n' }));
  // /dev/kvm may be absent where unit tests run; either way the verdict is TCG.
  t.false(facts.kvm);
  t.is(facts.virtType, 'qemu');
  t.is(facts.libguestfsBackendSettings, 'force_tcg');
  t.regex(facts.reason, /kvm_buf_set_msrs|\/dev\/kvm/);
});

/** A writable stand-in for /dev/kvm and a /boot with one kernel, so the probe reaches qemu. */
async function probePaths(t: Teardown): Promise<{ kvm: string; kernels: string }> {
  const dir = await scratchDir(t, 'rjv-probe-');
  await writeFile(join(dir, 'kvm'), '');
  await mkdir(join(dir, 'boot'));
  for (const v of ['6.1.0-9-amd64', '6.1.0-57-amd64']) await writeFile(join(dir, 'boot', `vmlinuz-${v}`), '');
  return { kvm: join(dir, 'kvm'), kernels: join(dir, 'boot') };
}

test('KVM works when the newest kernel in /boot boots under it to its panic (no root), qemu exiting by itself', async (t) => {
  const paths = await probePaths(t);
  const runner = fakeRunner({ exitCode: 0, stdout: '[    0.9] VFS: Unable to mount root fs on unknown-block(0,0)\n[    0.9] Kernel panic - not syncing\n', durationMs: 1234 });
  const facts = await probeHostFacts(runner, paths);
  t.true(facts.kvm);
  t.is(facts.virtType, 'kvm');
  t.is(facts.libguestfsBackendSettings, null);
  const qemu = runner.calls.find((c) => c.includes('-kernel'))!;
  t.is(qemu[qemu.indexOf('-kernel') + 1], join(paths.kernels, 'vmlinuz-6.1.0-57-amd64'), 'the newest kernel, by version');
  t.true(qemu.includes('-no-reboot') && qemu.includes('kvm'));
});

test('a kernel that hangs under KVM (firmware ran, the kernel never finished) means TCG, with its last output', async (t) => {
  const facts = await probeHostFacts(fakeRunner({ exitCode: 124, stdout: 'SeaBIOS\nProbing EDD (edd=off to disable)... ok\n' }), await probePaths(t));
  t.false(facts.kvm);
  t.is(facts.libguestfsBackendSettings, 'force_tcg');
  t.regex(facts.reason, /did not finish booting.*Probing EDD/);
});

test('qemu exiting without the kernel reaching its end is not KVM working; no kernel at all: TCG, saying why', async (t) => {
  t.false((await probeHostFacts(fakeRunner({ exitCode: 0, stdout: 'SeaBIOS\n' }), await probePaths(t))).kvm);
  const paths = await probePaths(t);
  const facts = await probeHostFacts(fakeRunner({}), { ...paths, kernels: join(paths.kernels, 'none') });
  t.false(facts.kvm);
  t.regex(facts.reason, /no kernel in .*linux-image-amd64/);
});
