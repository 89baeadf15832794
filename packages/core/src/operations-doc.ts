// docs/operations.md is made from OP_TABLE (docs/architecture.md#one-operation-table); a test
// compares the committed page with this output, so the page cannot drift from the table.
import { GUEST_TOOLS, OP_TABLE } from './op-table.js';
import type { OpKind } from './ops.js';

const REGENERATE = 'node packages/core/dist/src/bin/operations-doc.js > docs/operations.md';

/** Text for a Markdown table cell: a bare '|' would end the cell (e.g. "auto | pool:ID"). */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function versions(since: string | undefined, until: string | undefined): string {
  if (since && until) return `${since} to ${until}`;
  if (since) return `${since} and later`;
  if (until) return `up to ${until}`;
  return 'all';
}

/** The Markdown of docs/operations.md: one table row per operation kind, in table order. */
export function renderOperationsDoc(): string {
  const rows = (Object.keys(OP_TABLE) as OpKind[]).map((kind) => {
    const spec = OP_TABLE[kind];
    return `| \`${kind}\` | \`${spec.flag}\` | ${cell(spec.summary)} | ${versions(spec.since, spec.until)} |`;
  });
  const tools = GUEST_TOOLS.map((t) => `\`${t}\``).join(', ');
  return [
    '# Guest operations',
    '',
    `<!-- Generated from OP_TABLE in packages/core/src/op-table.ts; do not edit. Regenerate with: ${REGENERATE} -->`,
    '',
    'Plugins change a guest by appending operations to the plan of the planGuest hook (see [hooks.md](hooks.md)).',
    `Each operation is rendered into one option of the tool that runs it (${tools}),`,
    'after the arguments passed through to that tool, in plan order. Each records the plugin that asked for it',
    '(its `origin`), which `--dry-run` and error messages name.',
    '',
    'Before anything runs, every operation is checked against the installed guestfs-tools version: an operation',
    'that version lacks is a usage error (exit 2) naming the option, the plugin and the version.',
    '',
    '| operation | tool option | what it does | guestfs-tools versions |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
