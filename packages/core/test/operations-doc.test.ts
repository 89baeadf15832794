// docs/operations.md must be exactly what the operation table renders to.
import test from 'ava';
import { readFile } from 'node:fs/promises';
import { OP_TABLE } from '../src/op-table.js';
import { renderOperationsDoc } from '../src/operations-doc.js';
import type { OpKind } from '../src/ops.js';

// From packages/core/dist/test to the repository root.
const DOC = new URL('../../../../docs/operations.md', import.meta.url);

test('the committed docs/operations.md matches OP_TABLE', async (t) => {
  const committed = await readFile(DOC, 'utf8');
  t.is(committed, renderOperationsDoc(), 'docs/operations.md is stale; run node packages/core/dist/src/bin/operations-doc.js > docs/operations.md');
});

/** The cells of the table row of an operation kind ('\|' is a pipe inside a cell). */
function row(doc: string, kind: OpKind): string[] | undefined {
  const line = doc.split('\n').find((l) => l.startsWith(`| \`${kind}\` |`));
  return line?.slice(2, -2).split(/ (?<!\\)\| /);
}

test('every operation kind has one row of four cells: kind, option, summary, versions', (t) => {
  const doc = renderOperationsDoc();
  for (const kind of Object.keys(OP_TABLE) as OpKind[]) {
    const spec = OP_TABLE[kind];
    const cells = row(doc, kind);
    t.is(cells?.length, 4, kind);
    t.deepEqual(cells?.slice(0, 3), [`\`${kind}\``, `\`${spec.flag}\``, spec.summary.replace(/\|/g, '\\|')], kind);
  }
  t.is(doc.split('\n').filter((l) => l.startsWith('| `')).length, Object.keys(OP_TABLE).length);
});

test("versions read 'all' or 'up to X'; a '|' in a summary is escaped", (t) => {
  t.deepEqual(row(renderOperationsDoc(), 'write')?.[3], 'all');
  t.deepEqual(row(renderOperationsDoc(), 'sm-attach'), ['`sm-attach`', '`--sm-attach`', 'Attach a subscription (auto \\| pool:ID)', 'up to 1.55.1']);
});
