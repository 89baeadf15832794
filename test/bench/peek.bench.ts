// Benchmarks of issue 6 (rejviz-peek): libguestfs appliance launches per peek of an image (goal:
// exactly 1), and the wall time of --no-guest on a domain (goal < 0.5 s), median of 11 runs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchCounter } from '../support/appliance-count.js';
import { testRunDir } from '../support/env.js';
import { tinyDisk } from '../support/fixture-disks.js';
import { rejviz } from '../support/rejviz.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';
import { median, ms } from './stats.js';

/** Launches per peek and the --no-guest time. */
export async function benchPeek(runs = 11): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'rjv-bench-peek-'));
  const counter = await launchCounter(dir);
  const image = await tinyDisk(join(dir, 'a.raw'));
  const res = await rejviz('rejviz-peek', ['--format', 'raw', '-a', image], { env: counter.env });
  if (res.exitCode !== 0) throw new Error(res.stdout + res.stderr);
  const launches = await counter.count();
  await holdTestDriver();
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = await rejviz('rejviz-peek', ['-c', TEST_URI, '--no-guest', 'test']);
      times.push(performance.now() - t0);
      if (r.exitCode !== 0) throw new Error(r.stderr);
    }
  } finally {
    releaseTestDriver();
  }
  await rm(dir, { recursive: true, force: true });
  await rm(testRunDir(), { recursive: true, force: true });
  return [
    `appliance launches per rejviz-peek of an image (tiny-centos7): ${launches} (goal 1)`,
    `rejviz-peek --no-guest (test driver domain): median ${ms(median(times))} over ${runs} runs (goal < 500 ms)`,
  ];
}
