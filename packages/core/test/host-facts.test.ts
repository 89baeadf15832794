import test from 'ava';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { release, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Runner, RunResult } from '../src/exec.js';
import { guestfsEnv, hostFactsPath, loadHostFacts, probeHostFacts, type HostFacts } from '../src/host-facts.js';

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
  const dir = await mkdtemp(join(tmpdir(), 'rjv-facts-'));
  await writeFile(join(dir, 'host.json'), JSON.stringify(tcgFacts));
  const runner = fakeRunner({});
  const facts = await loadHostFacts(runner, { REJVIZ_STATE_DIR: dir });
  t.deepEqual(facts, tcgFacts);
  t.is(runner.calls.length, 0);
});

test('facts from another kernel are probed again and recorded', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'rjv-facts-'));
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
