// A lab's block in an /etc/hosts file (hosts(5)): lines between a BEGIN and an END marker naming
// the lab, so that several labs and the file's own lines live side by side. Replacing or removing
// a block leaves every other byte of the file as it was.

import { ERROR_CODES, hasControl, shown, UsageError } from '@rejviz/core';
import { guestHostname, type InventoryMachine } from './inventory-lab.js';

// Lab names are a-z, 0-9 and '-' (lab.schema.json); a marker must stay one line.
const LAB_NAME = /^[A-Za-z0-9._-]+$/;

function markers(lab: string): { begin: string; end: string } {
  if (!LAB_NAME.test(lab)) throw new UsageError(`lab name ${shown(lab)} cannot name an /etc/hosts block; use letters, digits, '.', '_' and '-'`, ERROR_CODES.INPUT);
  return { begin: `# BEGIN rejviz-up lab ${lab}`, end: `# END rejviz-up lab ${lab}` };
}

/** What a hosts block names of a machine: its names and its lab-network addresses. */
export type HostsMachine = Pick<InventoryMachine, 'machine' | 'hostname' | 'addresses'>;

/** `ADDRESS machine machine.LAB` for each lab-network address (plus the host name when it differs). */
export function hostsLines(lab: string, machines: readonly HostsMachine[]): string[] {
  return machines.flatMap((m) => {
    const names = [m.machine, `${m.machine}.${lab}`];
    const hostname = guestHostname(m);
    if (hostname !== m.machine) names.push(hostname, `${hostname}.${lab}`);
    return m.addresses.map(({ address }) => `${address} ${names.join(' ')}`);
  });
}

/** The block: markers around `lines`, without a final newline. */
export function hostsBlock(lab: string, lines: readonly string[]): string {
  const { begin, end } = markers(lab);
  const bad = lines.find((l) => hasControl(l));
  if (bad !== undefined) throw new UsageError(`/etc/hosts line ${shown(bad)} has a control character`, ERROR_CODES.INPUT);
  return [begin, ...lines, end].join('\n');
}

interface Found {
  /** Offset of the BEGIN line. */
  start: number;
  /** Offset just after the END line and its newline. */
  end: number;
  /** Whether the END line has a newline (not when it ends a file without one). */
  terminated: boolean;
}

// A damaged block is not guessed at: replacing the wrong lines would lose the user's.
function damagedBlock(lab: string, why: string): never {
  throw new UsageError(`the hosts file's block of rejviz-up lab ${lab} is damaged (${why}); fix or remove it by hand`, ERROR_CODES.INPUT);
}

function findBlock(text: string, lab: string): Found | undefined {
  const { begin, end } = markers(lab);
  let offset = 0;
  let start: number | undefined;
  let found: Found | undefined;
  for (const raw of text.split('\n')) {
    const next = offset + raw.length + 1;
    // A marker an editor gave a CRLF ending is still the marker (the block is written back with LF).
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === begin) {
      if (start !== undefined || found !== undefined) damagedBlock(lab, `a second '${begin}' line`);
      start = offset;
    } else if (line === end) {
      if (start === undefined) damagedBlock(lab, `'${end}' without '${begin}' before it`);
      found = { start, end: Math.min(next, text.length), terminated: next <= text.length };
      start = undefined;
    }
    offset = next;
  }
  if (start !== undefined) damagedBlock(lab, `'${begin}' without '${end}'`);
  return found;
}

/** `text` without the lab's block (unchanged when it has none). */
export function removeFromHostsFile(text: string, lab: string): string {
  const found = findBlock(text, lab);
  if (found === undefined) return text;
  // An unterminated block at the end was appended to a file without a final newline, after one
  // added to separate them (updateHostsFile): that newline goes too, and the file is as it was.
  if (!found.terminated && found.start > 0) return text.slice(0, found.start - 1);
  return text.slice(0, found.start) + text.slice(found.end);
}

/** `text` with the lab's block holding `lines`: replaced in place, else appended; no lines removes it. */
export function updateHostsFile(text: string, lab: string, lines: readonly string[]): string {
  if (lines.length === 0) return removeFromHostsFile(text, lab);
  const block = hostsBlock(lab, lines);
  const found = findBlock(text, lab);
  if (found !== undefined) return text.slice(0, found.start) + block + (found.terminated ? '\n' : '') + text.slice(found.end);
  if (text === '' || text.endsWith('\n')) return `${text}${block}\n`;
  // The last line is not ended: a newline separates it, and the block takes over the missing one.
  return `${text}\n${block}`;
}
