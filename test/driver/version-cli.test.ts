// --version of the real bins (README.md, "Versions"): rejviz's line from the package that
// declares the bin, then the wrapped tool's version as the tool itself reports it; -V where the
// tool has it; one JSON object with --json; rejviz-peek's one line. Nothing runs, exit 0.
import { createRunner } from '@rejviz/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/env.js';
import { testNeeding } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';

const PROXIES = [
  { bin: 'rejviz-builder', pkg: 'packages/builder', tool: 'virt-builder', short: true },
  { bin: 'rejviz-customize', pkg: 'packages/customize', tool: 'virt-customize', short: true },
  { bin: 'rejviz-sysprep', pkg: 'packages/customize', tool: 'virt-sysprep', short: true },
  { bin: 'rejviz-install', pkg: 'packages/install', tool: 'virt-install', short: false },
];
const test = testNeeding([{ tool: 'unshare' }, ...PROXIES.map((p) => ({ tool: p.tool }))]);

const version = (pkg: string) => (JSON.parse(readFileSync(join(REPO_ROOT, pkg, 'package.json'), 'utf8')) as { version: string }).version;

for (const { bin, pkg, tool, short } of PROXIES) {
  test(`${bin} --version: its own line, then ${tool}'s`, async (t) => {
    // The tool's own words, e.g. "virt-builder 1.48.2" or virt-install's bare "4.1.0".
    const own = (await createRunner().run(tool, ['--version'])).stdout.trim().split(/\s+/).pop();
    const want = `${bin} ${version(pkg)}\n${tool} ${own}\n`;
    for (const argv of short ? [['--version'], ['-V']] : [['--version']]) {
      const res = await rejviz(bin, argv);
      t.deepEqual([res.exitCode, res.stdout, res.stderr], [0, want, ''], argv.join(' '));
    }
    const json = await rejviz(bin, ['--version', '--json']);
    t.deepEqual(JSON.parse(json.stdout), { name: bin, version: version(pkg), tool: { name: tool, version: own } });
  });
}

test('rejviz-peek --version: one line (it wraps no tool); -V is not an option of it', async (t) => {
  const res = await rejviz('rejviz-peek', ['--version']);
  t.deepEqual([res.exitCode, res.stdout, res.stderr], [0, `rejviz-peek ${version('packages/peek')}\n`, '']);
  const short = await rejviz('rejviz-peek', ['-V']);
  t.is(short.exitCode, 2);
  t.regex(short.stderr, /unknown option -V/);
});
