// The netns tier's own checks: it must be able to fail. A stack given files that say something
// else than the --nic (another address, no DNS, no gateway) is reported, difference by difference.
import { planNics, renderNics } from '@rejviz/plugin-nic';
import { testNeeding } from '@rejviz/test-support';
import { applyCase } from './apply-case.js';
import { CASES } from './cases.js';
import { prereqsFor } from './stack-prereqs.js';

const test = testNeeding(prereqsFor(['networkd']));
const STATIC = CASES[0]!;

test('a stack that applies a different NIC fails the case, naming each difference', async (t) => {
  const other = planNics(['name=eth0,hwaddr=52:54:00:12:00:01,ipaddr=198.51.100.99/24']).nics;
  // 3 s: networkd applies a static NIC in well under a second (the passing cases show it).
  const diffs = await applyCase('networkd', STATIC, { files: () => renderNics('networkd', other), deadlineMs: 3000 });
  t.true(diffs.includes('eth0: missing 198.51.100.5/24'), diffs.join('\n'));
  t.true(diffs.includes('eth0: unexpected address 198.51.100.99/24'), diffs.join('\n'));
  t.true(diffs.includes('eth0: DNS [], expected [198.51.100.53]'), diffs.join('\n'));
  t.true(diffs.includes('eth0: no IPv4 default route via 198.51.100.1'), diffs.join('\n'));
});

test('the same case with the right files passes (the control of the control)', async (t) => {
  t.deepEqual(await applyCase('networkd', STATIC), []);
});
