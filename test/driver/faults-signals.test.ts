// The fault suite, signals (issue 11): each of SIGINT, SIGTERM, SIGHUP and SIGQUIT delivered to
// each command in each phase of its run: planned (REJVIZ_FAILPOINT), the tool running (a fake that
// waits), the image published / the manifest written (failpoints), the seed volume written. Every
// run must exit 128 + N and leave no secret (its TMPDIR stays empty), no temporary or partial
// output, no seed volume or domain, and no process it started. Cheap: fake tools, nothing boots;
// the real tools get one case per command in test/guestfs/faults-real.test.ts.
import type { ExecutionContext } from 'ava';
import { signalExitCode } from '@rejviz/core';
import { testNeeding } from '@rejviz/test-support';
import { CASES, type FaultCase, type FaultCommand } from '../support/fault-cases.js';
import { atFailpoint, entries, inSlot, startRun, toolReady } from '../support/fault-run.js';

const test = testNeeding([
  { tool: 'virsh' }, { tool: 'virt-install' }, { tool: 'virt-builder' }, { tool: 'qemu-img' }, { tool: 'genisoimage' },
  { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' },
]);

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

type Phase = { name: string; failpoint?: string; fakeMode: string };
const TOOL_RUNNING: Phase = { name: 'the tool running', fakeMode: 'hang' };
const at = (failpoint: string): Phase => ({ name: failpoint, failpoint, fakeMode: 'ok' });

const PHASES: Record<FaultCommand, Phase[]> = {
  'rejviz-builder': [at('planned'), TOOL_RUNNING, at('publish'), at('manifest')],
  'rejviz-customize': [at('planned'), TOOL_RUNNING],
  'rejviz-sysprep': [at('planned'), TOOL_RUNNING],
  'rejviz-install': [at('planned'), at('seed-written'), TOOL_RUNNING],
  'rejviz-peek': [TOOL_RUNNING],
};

async function stopAndCheck(t: ExecutionContext, c: FaultCase, phase: Phase, signal: NodeJS.Signals): Promise<void> {
  const run = await startRun(c.bin, c.args, {
    env: { ...c.env, FAKE_MODE: phase.fakeMode, FAKE_READY: c.ready, ...(phase.failpoint && { REJVIZ_FAILPOINT: phase.failpoint }) },
  });
  if (phase.failpoint) await atFailpoint(run, phase.failpoint);
  else await toolReady(c.ready);
  run.kill(signal);
  const code = await run.exit;
  t.is(code, signalExitCode(signal), run.stderr());
  t.regex(run.stderr(), new RegExp(`${c.bin}: interrupted by ${signal}`));
  t.deepEqual(await c.remains(), [], 'nothing half-made is left');
  t.deepEqual(entries(run.tmp), [], 'no secret or temporary file is left in TMPDIR');
  t.deepEqual(await run.leftovers(), [], 'no process the run started is left');
}

for (const [bin, phases] of Object.entries(PHASES) as [FaultCommand, Phase[]][]) {
  for (const phase of phases) {
    for (const signal of SIGNALS) {
      test(`${bin}: ${signal} in phase "${phase.name}" exits ${signalExitCode(signal)} and leaves nothing`, async (t) => {
        await inSlot(async () => stopAndCheck(t, await CASES[bin](), phase, signal));
      });
    }
  }
}
