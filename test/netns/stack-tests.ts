// Registers every case of cases.ts for the given stacks, as one ava test each.
import { testNeeding } from '@rejviz/test-support';
import { applyCase } from './apply-case.js';
import { CASES, type NetnsCase } from './cases.js';
import type { Stack } from './sandbox.js';
import { prereqsFor } from './stack-prereqs.js';

// A DHCP NIC yields the default route in ENI through `metric 1024`, which the DHCP client's
// script applies (IF_METRIC). Alpine's udhcpc script honours it (and defaults to 200 + ifindex);
// Debian's udhcpc script ignores it and ifupdown-ng starts dhclient without `-e IF_METRIC`, so
// on this host the case would measure Debian's DHCP scripts, not the guest's: not run for the
// Alpine stacks (docs/testing.md). Debian's ifupdown passes the metric and runs the case.
const NOT_HERE: Partial<Record<Stack, (c: NetnsCase) => boolean>> = {
  'ifupdown-ng': (c) => c === YIELD,
  busybox: (c) => c === YIELD,
};
const YIELD = CASES.find((c) => c.title.startsWith('two NICs, DHCP yields'))!;

/** One test per case and stack: the stack must apply the rendered files as the --nic means. */
export function registerStackTests(stacks: Stack[]): void {
  const test = testNeeding(prereqsFor(stacks));
  for (const stack of stacks) {
    for (const c of CASES.filter((c) => !NOT_HERE[stack]?.(c))) {
      test(`${stack}: ${c.title}`, async (t) => {
        const diffs = await applyCase(stack, c);
        t.deepEqual(diffs, [], `--nic ${c.nics.join(' --nic ')}\n${diffs.join('\n')}`);
      });
    }
  }
}
