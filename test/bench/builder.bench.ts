// Benchmarks of issue 3 (rejviz-builder), measured side by side in one run:
//  - libguestfs appliance launches per build (goal: exactly 1);
//  - wall time of rejviz-builder / bare virt-builder with the same operations, alternating A/B pairs (goal <= 1.03);
//  - rejviz-builder --help against node -e 0 (goal: <= 150 ms more, median).
import { createRunner } from '@rejviz/core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchCounter } from '../support/appliance-count.js';
import { REPO_ROOT, testRunDir, toolEnv } from '../support/env.js';
import { binScript, rejviz } from '../support/rejviz.js';
import { median, ms, sec } from './stats.js';

const BIN = join(REPO_ROOT, binScript('rejviz-builder'));
const NICS = ['--nic', 'name=eth0,ipaddr=198.51.100.10/24', '--nic', 'name=eth1,ipaddr=203.0.113.11/24,gateway=203.0.113.1'];

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Startup: --help of the bin against a bare node start, interleaved. */
export async function benchHelp(runs = 21): Promise<string[]> {
  const r = createRunner();
  const node: number[] = [];
  const help: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(await timed(() => r.run(process.execPath, ['-e', '0'])));
    help.push(await timed(() => r.run(process.execPath, [BIN, '--help'])));
  }
  const extra = median(help) - median(node);
  return [
    `rejviz-builder --help: median ${ms(median(help))}; node -e 0: median ${ms(median(node))}; difference ${ms(extra)} (goal <= 150 ms) over ${runs} interleaved runs`,
  ];
}

/** Appliance launches per build, and the rejviz/bare wall-time ratio in alternating pairs. */
export async function benchBuild(pairs = 3): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'rjv-bench-'));
  const counter = await launchCounter(dir);
  const env = { ...(await toolEnv()), ...counter.env };
  const ratios: number[] = [];
  const rows: string[] = [];
  let launches = 0;
  for (let i = 0; i < pairs; i++) {
    const out = join(dir, `r${i}.qcow2`);
    const before = await counter.count();
    const dry = await rejviz('rejviz-builder', ['tiny-centos7', ...NICS, '-o', out, '--format', 'qcow2', '--no-network', '--dry-run', '--json'], { env: counter.env });
    const bareArgs = (JSON.parse(dry.stdout) as { command: string }).command;
    const a = await timed(async () => {
      const res = await rejviz('rejviz-builder', ['tiny-centos7', ...NICS, '-o', out, '--format', 'qcow2', '--no-network', '--force'], { env: counter.env });
      if (res.exitCode !== 0) throw new Error(res.stderr);
    });
    launches = (await counter.count()) - before;
    // Bare virt-builder with exactly the operations rejviz ran (parsed back from its dry-run line).
    const args = [...bareArgs.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!)).slice(1);
    const bareOut = join(dir, `b${i}.qcow2`);
    args[args.indexOf('-o') + 1] = bareOut;
    const b = await timed(() => createRunner().run('unshare', ['-n', 'virt-builder', ...args], { env }));
    ratios.push(a / b);
    rows.push(`  pair ${i + 1}: rejviz-builder ${sec(a)}, virt-builder ${sec(b)}, ratio ${(a / b).toFixed(3)}`);
    await rm(out, { force: true });
    await rm(bareOut, { force: true });
  }
  await rm(dir, { recursive: true, force: true });
  await rm(testRunDir(), { recursive: true, force: true });
  return [
    `appliance launches per rejviz-builder build (2 NICs): ${launches} (goal 1)`,
    `rejviz-builder / virt-builder wall time, same operations, ${pairs} alternating pairs: median ratio ${median(ratios).toFixed(3)} (goal <= 1.03)`,
    ...rows,
  ];
}
