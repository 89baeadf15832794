// The fault suite, failing tools (issue 11): the wrapped tool exits with 1, 2, 3, 42 or 255, or
// dies of SIGSEGV, SIGKILL, SIGABRT or SIGTERM. rejviz passes the code through (128 + N for a
// signal; rejviz-peek reports any tool failure as 3, its documented code), names the tool and the
// code, and leaves nothing: no image or manifest, no secret, no seed volume, no process.
import { signalExitCode } from '@rejviz/core';
import { testNeeding } from '@rejviz/test-support';
import { CASES, type FaultCommand } from '../support/fault-cases.js';
import { entries, inSlot, startRun } from '../support/fault-run.js';

const test = testNeeding([
  { tool: 'virsh' }, { tool: 'virt-install' }, { tool: 'virt-builder' }, { tool: 'qemu-img' }, { tool: 'genisoimage' },
  { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' },
]);

const TOOL: Record<FaultCommand, string> = {
  'rejviz-builder': 'virt-builder', 'rejviz-customize': 'virt-customize', 'rejviz-sysprep': 'virt-sysprep',
  'rejviz-install': 'virt-install', 'rejviz-peek': 'guestfish',
};

const FAILURES: { mode: string; code: number }[] = [
  ...[1, 2, 3, 42, 255].map((n) => ({ mode: `exit:${n}`, code: n })),
  ...['SEGV', 'KILL', 'ABRT', 'TERM'].map((s) => ({ mode: `signal:${s}`, code: signalExitCode(`SIG${s}`) })),
];

for (const bin of Object.keys(CASES) as FaultCommand[]) {
  for (const { mode, code } of FAILURES) {
    const expected = bin === 'rejviz-peek' ? 3 : code;
    test(`${bin}: ${TOOL[bin]} ${mode.replace(':', ' ')} gives exit ${expected} and leaves nothing`, async (t) => {
      await inSlot(async () => {
        const c = await CASES[bin]();
        const run = await startRun(c.bin, c.args, { env: { ...c.env, FAKE_MODE: mode } });
        t.is(await run.exit, expected, run.stderr());
        t.true(run.stderr().includes(`${TOOL[bin]} failed with exit code ${code}`), run.stderr());
        // The tool's own stderr (streamed live by the guest tools) appears once, not twice.
        t.true(run.stderr().split('fake failure').length <= 2, run.stderr());
        t.deepEqual(await c.remains(), []);
        t.deepEqual(entries(run.tmp), []);
        t.deepEqual(await run.leftovers(), []);
      });
    });
  }
}
