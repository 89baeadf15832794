// docs/up.md's example lab file, loaded as written: it must resolve to what the page says.

import { readFileSync } from 'node:fs';
import test from 'ava';
import { loadLab } from '../src/index.js';

// Compiled to packages/up/dist/test; the page is in the repository's docs/.
const PAGE = readFileSync(new URL('../../../../docs/up.md', import.meta.url), 'utf8');

test("docs/up.md's example resolves to the machines the page describes", async (t) => {
  const block = /<!-- lab-example:start -->\n```yaml\n([\s\S]*?)```\n<!-- lab-example:end -->/.exec(PAGE);
  t.truthy(block, 'the example is marked in the page');
  const lab = await loadLab({ file: 'rejviz.yaml', text: block![1]!, env: {} });
  t.deepEqual(lab.machines.map((m) => [m.name, m.template, m.memoryMiB, m.vcpus, m.nics.map((n) => n.address)]), [
    ['db', 'debian', 2048, 1, [{ kind: 'static', address: '198.51.100.10', prefix: 24 }]],
    ['www-1', 'web', 1024, 2, [{ kind: 'static', address: '198.51.100.20', prefix: 24 }]],
    ['www-2', 'web', 1024, 2, [{ kind: 'static', address: '198.51.100.21', prefix: 24 }]],
  ]);
  t.deepEqual(lab.templates.find((x) => x.name === 'web')?.packages, ['curl', 'nginx']);
  t.deepEqual(lab.machines[1]!.groups, ['all', 'webservers']);
});
