// The lab file as YAML with its positions: every error about a value names the line and column
// where the user wrote it, found from the value's path in the data.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { labError } from './lab-error.js';

/** A path into the lab data: map keys and list indexes, e.g. ['machines', 1, 'memory']. */
export type LabPath = readonly (string | number)[];

/** Where a value is: 1-based line and column. */
export interface Position {
  line: number;
  col: number;
}

/** A parsed lab file: its name for messages, the YAML document and its line table. */
export interface LabSource {
  file: string;
  doc: Document;
  lines: LineCounter;
}

/** Parses the text of a lab file; a YAML error is a one-line error at its position. */
export function parseLabSource(file: string, text: string): { source: LabSource; data: unknown } {
  const lines = new LineCounter();
  // uniqueKeys: a key given twice is an error, not "the last one wins" (a silently lost machine).
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const source = { file, doc, lines };
  const problem = doc.errors[0];
  if (problem) {
    const at = lines.linePos(problem.pos[0]);
    const what = problem.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
    throw labError(source, [], `not valid YAML: ${what}`, 'fix the YAML syntax there', at);
  }
  // An alias that expands into huge data (a "billion laughs" file) stops here instead of eating memory.
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  return { source, data };
}

/**
 * The position of the value at `path`, or of its key when `key` is set (an unknown key); when the
 * path does not reach a node (a missing key), the position of the deepest node it does reach.
 */
export function positionOf(source: LabSource, path: LabPath, key = false): Position {
  let node: unknown = source.doc.contents;
  let at = rangeStart(node);
  for (const [i, step] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      if (last && key) return toPosition(source, rangeStart(pair.key) ?? at);
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
    } else {
      break;
    }
    at = rangeStart(node) ?? at;
  }
  return toPosition(source, at);
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}

function toPosition(source: LabSource, offset: number | undefined): Position {
  return source.lines.linePos(offset ?? 0);
}

/** The path as a user reads it: machines[1].nics[0].address. */
export function pathText(path: LabPath): string {
  let text = '';
  for (const step of path) text += typeof step === 'number' ? `[${step}]` : text === '' ? step : `.${step}`;
  return text || '(top level)';
}
