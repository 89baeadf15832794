// Benchmark of issue 5 (rejviz-install): wall time of rejviz-install minus bare virt-install with
// the same final arguments, without image inspection (NICs from a manifest), in interleaved pairs
// on libvirt's test driver (both define a real libvirt domain; nothing boots). Goal <= 0.3 s.
import { createRunner } from '@rejviz/core';
import { rejviz } from '../support/rejviz.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';
import { manifestNic, manifestWith } from '../support/test-manifest.js';
import { median, ms } from './stats.js';

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function words(command: string): string[] {
  return [...command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!));
}

/** rejviz-install minus virt-install, medians over `pairs` interleaved pairs. */
export async function benchInstall(pairs = 11): Promise<string[]> {
  await holdTestDriver();
  try {
    const nics = ['52:54:00:b0:00:01', '52:54:00:b0:00:02'].map((mac, i) => manifestNic(`eth${i}`, [], mac));
    const { disk: image, manifest } = await manifestWith(nics, 'rjv-bench-inst-');
    const r = createRunner();
    const args = (name: string) => ['--connect', TEST_URI, '--name', name, '--memory', '256', '--import', '--disk', `path=${image},format=raw`, '--osinfo', 'centos7.0', '--graphics', 'none', '--noautoconsole'];
    const undefine = async (name: string) => {
      await r.run('virsh', ['-c', TEST_URI, 'destroy', name], { allowFailure: true });
      await r.run('virsh', ['-c', TEST_URI, 'undefine', name], { allowFailure: true });
    };
    const withRejviz: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < pairs; i++) {
      const a = `rjvb-a${i}`;
      const b = `rjvb-b${i}`;
      const dry = await rejviz('rejviz-install', ['--manifest', manifest, ...args(b), '--dry-run', '--json']);
      const final = words((JSON.parse(dry.stdout) as { command: string }).command).slice(1);
      withRejviz.push(await timed(async () => {
        const res = await rejviz('rejviz-install', ['--manifest', manifest, ...args(a)]);
        if (res.exitCode !== 0) throw new Error(res.stderr);
      }));
      // virt-install refuses a disk another domain uses: A goes before B runs on the same image.
      await undefine(a);
      bare.push(await timed(() => r.run('unshare', ['-n', 'virt-install', ...final])));
      await undefine(b);
    }
    const extra = median(withRejviz) - median(bare);
    return [
      `rejviz-install (manifest, 2 NICs, test driver): median ${ms(median(withRejviz))}; bare virt-install with the same final arguments: median ${ms(median(bare))}; difference ${ms(extra)} (goal <= 300 ms) over ${pairs} interleaved pairs`,
    ];
  } finally {
    releaseTestDriver();
  }
}
