// Benchmarks of issue 4: libguestfs appliance launches per rejviz-customize run, with
// --nic-format auto on a fresh image (inspection + customize), on the same unchanged image after a
// dry run (cached facts), and with the format given (no inspection).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchCounter } from '../support/appliance-count.js';
import { testRunDir } from '../support/env.js';
import { tinyDisk } from '../support/fixture-disks.js';
import { rejviz } from '../support/rejviz.js';

async function launches(args: string[], dir: string): Promise<number> {
  const counter = await launchCounter(dir);
  const res = await rejviz('rejviz-customize', args, { env: counter.env });
  if (res.exitCode !== 0) throw new Error(res.stderr);
  return counter.count();
}

/** Appliance launches per customize in the three situations. */
export async function benchCustomize(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'rjv-bench-cz-'));
  const nic = ['--nic', 'name=eth0,ipaddr=198.51.100.30/24', '--no-network'];
  const fresh = await tinyDisk(join(dir, 'a.raw'));
  const auto = await launches(['--format', 'raw', '-a', fresh, ...nic], dir);
  const warm = await tinyDisk(join(dir, 'b.raw'));
  const dry = await launches(['--format', 'raw', '-a', warm, ...nic, '--dry-run'], dir);
  const cached = await launches(['--format', 'raw', '-a', warm, ...nic], dir);
  const given = await launches(['--format', 'raw', '-a', await tinyDisk(join(dir, 'c.raw')), ...nic, '--nic-format', 'ifcfg'], dir);
  await rm(dir, { recursive: true, force: true });
  await rm(testRunDir(), { recursive: true, force: true });
  return [
    `appliance launches per rejviz-customize: --nic-format auto on a new image ${auto} (goal <= 2); after a dry run of the unchanged image ${cached} (the dry run itself: ${dry}); --nic-format given ${given} (goal 1)`,
  ];
}
