import test from 'ava';
import { libvirtConnection, type Runner, type RunResult } from '@rejviz/core';
import { shutDown } from '../src/lifecycle/power-lab.js';

// A libvirt whose guests ignore ACPI until `offAfter` domstate polls (Infinity: never).
function fakeLibvirt(offAfter: Record<string, number>): Runner & { calls: string[] } {
  const calls: string[] = [];
  const polls = new Map<string, number>();
  return {
    dryRun: false, history: [], calls,
    async run(_file, args): Promise<RunResult> {
      const [verb, domain] = args as string[];
      calls.push(`${verb} ${domain}`);
      let stdout = '';
      if (verb === 'domstate') {
        const n = (polls.get(domain!) ?? 0) + 1;
        polls.set(domain!, n);
        stdout = calls.includes(`destroy ${domain}`) || n >= (offAfter[domain!] ?? 1) ? 'shut off\n' : 'running\n';
      }
      return { command: `virsh ${args.join(' ')}`, exitCode: 0, stdout, stderr: '', durationMs: 0, skipped: false };
    },
  };
}

const domain = (name: string, state: string) => ({ name, state, record: { lab: 'l', machine: name, config: null } }) as never;

test('down: a guest that shuts down within the timeout is shut down; one that ignores ACPI is stopped hard after it; a paused one at once', async (t) => {
  const runner = fakeLibvirt({ good: 3, deaf: Infinity });
  const started = Date.now();
  const how = await shutDown(runner, libvirtConnection(null), [domain('good', 'running'), domain('deaf', 'running'), domain('off', 'shut off'), domain('held', 'paused')], 300, 20);
  t.deepEqual(Object.fromEntries(how), { off: 'none', held: 'forced', good: 'shutdown', deaf: 'forced' });
  t.true(Date.now() - started >= 300, 'it waited the whole timeout for the deaf guest');
  t.deepEqual(runner.calls.filter((c) => !c.startsWith('domstate')), ['shutdown good', 'shutdown deaf', 'destroy held', 'destroy deaf']);
});

test('down: timeout 0 stops hard at once what did not shut down on the first look', async (t) => {
  const runner = fakeLibvirt({ slow: 5 });
  const how = await shutDown(runner, libvirtConnection(null), [domain('slow', 'running')], 0, 20);
  t.deepEqual(Object.fromEntries(how), { slow: 'forced' });
});
