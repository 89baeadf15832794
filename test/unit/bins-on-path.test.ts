// After `npm ci && npm run build` every bin a workspace declares is on PATH as
// node_modules/.bin/NAME (issue 11, defect 15: only host-setup used to link them).
import test from 'ava';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/env.js';

const bins = ['packages', 'plugins'].flatMap((group) =>
  readdirSync(join(REPO_ROOT, group)).flatMap((name) => {
    const file = join(REPO_ROOT, group, name, 'package.json');
    if (!existsSync(file)) return [];
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { bin?: Record<string, string> };
    return Object.entries(pkg.bin ?? {}).map(([bin, target]) => ({ bin, target: join(REPO_ROOT, group, name, target) }));
  }));

test('the workspaces declare the rejviz bins', (t) => {
  for (const bin of ['rejviz-builder', 'rejviz-customize', 'rejviz-sysprep', 'rejviz-install', 'rejviz-peek', 'rejviz-up']) {
    t.true(bins.some((b) => b.bin === bin), bin);
  }
});

for (const { bin, target } of bins) {
  test(`${bin} is on PATH (node_modules/.bin) and runs the built file`, (t) => {
    const link = join(REPO_ROOT, 'node_modules/.bin', bin);
    t.true(existsSync(link), `${link} missing`);
    t.is(realpathSync(link), realpathSync(target));
  });
}
