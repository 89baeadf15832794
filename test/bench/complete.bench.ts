// Shell completion (docs/completion.md): the wall time of one `--complete` call as the bash
// function makes it, interleaved with a bare node start and --help. Goal: under about 150 ms where
// no query is needed (options, --nic keys, --nic-format); templates and domains add their query.
import { createRunner } from '@rejviz/core';
import { join } from 'node:path';
import { REPO_ROOT, toolEnv } from '../support/env.js';
import { binScript } from '../support/rejviz.js';
import { TEST_URI } from '../support/test-driver.js';
import { median, ms } from './stats.js';

const BUILDER = join(REPO_ROOT, binScript('rejviz-builder'));
const PEEK = join(REPO_ROOT, binScript('rejviz-peek'));

/** [label, argv after node] of each measured call; every call runs under unshare -n. */
const CALLS: [string, string[]][] = [
  ['node -e 0', ['-e', '0']],
  ['rejviz-builder --help', [BUILDER, '--help']],
  ['complete an option (--nic-f)', [BUILDER, '--complete', 'bash', '--nic-f', 'rejviz-builder --nic-f']],
  ['complete a --nic key (name=eth0,ip)', [BUILDER, '--complete', 'bash', 'eth0,ip', 'rejviz-builder --nic name=eth0,ip']],
  ['complete --nic-format=', [BUILDER, '--complete', 'bash', '', 'rejviz-builder --nic-format=']],
  ['complete a template (virt-builder --list, offline repository)', [BUILDER, '--complete', 'bash', '', 'rejviz-builder ']],
  ['complete a domain (virsh list, test driver)', [PEEK, '--complete', 'bash', '', `rejviz-peek -c ${TEST_URI} `]],
];

/** Medians of each call over `runs` interleaved rounds. */
export async function benchComplete(runs = 21): Promise<string[]> {
  const r = createRunner();
  const env = await toolEnv();
  const times = CALLS.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [k, [, args]] of CALLS.entries()) {
      const t0 = performance.now();
      await r.run('unshare', ['-n', process.execPath, ...args], { env });
      times[k]!.push(performance.now() - t0);
    }
  }
  const base = median(times[0]!);
  return CALLS.map(([label], k) => `${label}: median ${ms(median(times[k]!))} (${ms(median(times[k]!) - base)} over node -e 0) over ${runs} interleaved runs`);
}
