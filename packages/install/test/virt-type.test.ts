// The TCG fallback's arguments: --virt-type qemu and the most capable emulated CPU where KVM is
// unusable, on QEMU connections only, each left to the user when they chose it. The host's facts
// come from a host.json written here (as scripts/host-setup writes it), so nothing is probed.
import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRunner } from '@rejviz/core';
import { virtTypeFallback } from '../src/virt-type.js';

function stateWith(virtType: 'kvm' | 'qemu'): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'rjv-virt-type-'));
  test.after.always(() => rmSync(dir, { recursive: true, force: true }));
  const facts = { kernel: release(), qemu: 'QEMU emulator version 7.2', checkedAt: new Date().toISOString(), kvm: virtType === 'kvm', reason: virtType === 'kvm' ? '/dev/kvm works' : '/dev/kvm is missing', virtType, libguestfsBackendSettings: null };
  writeFileSync(join(dir, 'host.json'), `${JSON.stringify(facts)}\n`);
  return { REJVIZ_STATE_DIR: dir };
}

const TCG = stateWith('qemu');
const KVM = stateWith('kvm');
const runner = createRunner();

test('without KVM a QEMU domain gets TCG and the maximum CPU, and the notice names both', async (t) => {
  const got = await virtTypeFallback(null, null, 'qemu:///system', runner, TCG);
  t.deepEqual(got?.args, ['--virt-type', 'qemu', '--cpu', 'mode=maximum']);
  t.regex(got!.notice, /^KVM is not usable here \(\/dev\/kvm is missing\); the guest runs under TCG \(--virt-type qemu\), which is slower, with every CPU feature QEMU emulates \(--cpu mode=maximum: its default CPU lacks the x86-64-v2 that EL 9 needs\); pass --virt-type or --cpu to choose$/);
});

test("the user's --cpu is kept, and their --virt-type turns the fallback off", async (t) => {
  const cpu = await virtTypeFallback(null, 'host-model', 'qemu:///system', runner, TCG);
  t.deepEqual(cpu?.args, ['--virt-type', 'qemu']);
  t.false(cpu!.notice.includes('--cpu'));
  t.is(await virtTypeFallback('qemu', null, 'qemu:///system', runner, TCG), null);
});

test('with KVM, or on a connection that is not QEMU, nothing is added', async (t) => {
  t.is(await virtTypeFallback(null, null, 'qemu:///system', runner, KVM), null);
  t.is(await virtTypeFallback(null, null, 'test:///default', runner, TCG), null);
});
