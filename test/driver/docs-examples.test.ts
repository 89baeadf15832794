// The examples in docs/builder.md run (with --dry-run) against the offline repository, so the
// documentation cannot drift from what the command accepts.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { hasRepository, REPO_ROOT } from '../support/env.js';
import { testNeeding, scratchDir } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';

const test = testNeeding([{ tool: 'virt-builder' }, { tool: 'unshare' }, { check: hasRepository, what: 'fixture repository (fixtures/images/build)' }]);

/** Splits a documented command line into argv (single quotes only, as the docs use). */
function argv(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

const doc = await readFile(join(REPO_ROOT, 'docs/builder.md'), 'utf8');
const block = /<!-- examples:start -->\n```sh\n([\s\S]*?)```\n<!-- examples:end -->/.exec(doc)?.[1] ?? '';
const examples = block.split('\n').filter((l) => l.startsWith('rejviz-builder '));

test('docs/builder.md has examples', (t) => {
  t.true(examples.length >= 4);
});

for (const example of examples) {
  test(`example runs: ${example}`, async (t) => {
    const dir = await scratchDir(t, 'rjv-doc-');
    const res = await rejviz('rejviz-builder', [...argv(example).slice(1), '--dry-run'], { cwd: dir });
    t.is(res.exitCode, 0, res.stderr);
    if (example.includes('--json')) t.regex((JSON.parse(res.stdout) as { command: string }).command, /^virt-builder /);
    else t.regex(res.stdout, /^virt-builder command \(not run\):/);
    t.deepEqual(await readdir(dir), []);
  });
}
