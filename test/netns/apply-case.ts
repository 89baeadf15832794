// Applies one case with one stack: plan the --nic values, render the stack's format, start a
// sandbox, poll until the stack is done and its state is what the NIC means (or time runs out),
// stop the sandbox. Polls with a bounded wait; never a fixed sleep as the verdict.
import { planNics, renderNics, type GuestFile, type NicSpec } from '@rejviz/plugin-nic';
import type { NetnsCase } from './cases.js';
import { stateDiffs } from './compare-state.js';
import { linkFacts, routerScript, sandboxNics } from './link-plan.js';
import { expectedState, type StackLimits } from './oracle.js';
import { startSandbox, type RawState, type Stack } from './sandbox.js';

/** How long a stack may take to reach the expected state (DHCP and RA included). */
const DEADLINE_MS = 15_000;
const POLL_MS = 100;

/** The files a stack reads, rendered by rejviz for that stack's distribution. */
export function renderFor(stack: Stack, nics: readonly NicSpec[]): GuestFile[] {
  switch (stack) {
    case 'networkd': return renderNics('networkd', nics);
    case 'nm': return renderNics('keyfile', nics);
    case 'netplan-networkd': case 'netplan-nm': return renderNics('netplan', nics);
    case 'ifupdown': return renderNics('eni', nics);
    // Alpine's layout (format-for-osinfo.ts): one whole /etc/network/interfaces.
    case 'ifupdown-ng': case 'busybox': return renderNics('eni', nics, { eniLayout: 'interfaces' });
  }
}

// Sandboxes at once, per test process: each runs a daemon or two and a dnsmasq; 2 cores.
const MAX_RUNNING = 3;
let running = 0;
const queue: Array<() => void> = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_RUNNING) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    queue.shift()?.();
  }
}

// ifupdown-ng exports no ADDRFAM to if-up.d scripts (only IFACE, METHOD, MODE, PHASE, IF_*),
// and resolvconf's hook acts only for ADDRFAM inet or inet6: dns-nameservers lines are read and
// then go nowhere. Asserted, so that a change on either side shows up here.
const LIMITS: Partial<Record<Stack, StackLimits>> = { 'ifupdown-ng': { noStaticDns: true } };

function settled(stack: Stack, state: RawState): boolean {
  if (stack === 'nm' || stack === 'netplan-nm') return state.done;
  if (stack === 'networkd' || stack === 'netplan-networkd') return true; // "configuring" lasts while RA is awaited
  return state.ifup === 'ifup-ok';
}

/** Test-only overrides: other files than rejviz renders, a shorter wait. */
export interface ApplyOptions {
  files?: (nics: NicSpec[]) => GuestFile[];
  deadlineMs?: number;
}

/** The differences left when `stack` applied `testCase` (empty: it did what the NICs mean). */
export function applyCase(stack: Stack, testCase: NetnsCase, options: ApplyOptions = {}): Promise<string[]> {
  return slot(async () => {
    const { nics } = planNics(testCase.nics);
    const facts = linkFacts(nics, testCase.serve);
    const expected = expectedState(nics, facts, LIMITS[stack]);
    const sandbox = await startSandbox({ stack, nics: sandboxNics(nics), router: routerScript(nics, facts), files: (options.files ?? ((n) => renderFor(stack, n)))(nics) });
    try {
      const deadline = Date.now() + (options.deadlineMs ?? DEADLINE_MS);
      let diffs: string[] = [];
      let matchedOnce = false;
      for (;;) {
        const state = await sandbox.observe();
        diffs = stateDiffs(expected, state);
        if (state.ifup === 'ifup-failed') diffs.unshift('ifup failed');
        const ok = diffs.length === 0 && settled(stack, state);
        // Twice in a row: a state that only passes through the expected one does not count.
        if (ok && matchedOnce) return [];
        matchedOnce = ok;
        if (state.ifup === 'ifup-failed' || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      const log = (await sandbox.log()).split('\n').slice(-25).join('\n');
      return [...diffs, `--- sandbox log (tail) ---\n${log}`];
    } finally {
      await sandbox.stop();
    }
  });
}
