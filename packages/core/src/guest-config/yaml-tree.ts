// A thin reading layer over the `yaml` document tree, so that netplan and cloud-init notes can name
// the line of the value they are about. Booleans follow netplan/cloud-init (YAML 1.1 words too).
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { lineNote } from './file-notes.js';

export interface YamlSource {
  file: string;
  doc: Document;
  lines: LineCounter;
}

/**
 * Parses `content`; syntax errors become notes. netplan and cloud-init refuse a file with any YAML
 * error, so callers should not take partial content from a file with `errors`.
 */
export function parseYaml(file: string, content: string): { src: YamlSource; errors: string[] } {
  const lines = new LineCounter();
  // Thousands of nesting levels ("- - - …", "[[[…") exhaust the stack inside the parser, and V8 may
  // then abort the whole process instead of throwing; no network config nests that deep.
  const deep = /^[ \t-]{513}|(?:[[{]\s*){513}/m.exec(content);
  if (deep !== null) {
    const line = content.slice(0, deep.index).split('\n').length;
    return { src: { file, doc: parseDocument('', { lineCounter: lines }), lines }, errors: [lineNote(file, line, 'YAML: nested more than 512 levels deep; not read')] };
  }
  const doc = parseDocument(content, { lineCounter: lines, prettyErrors: false });
  const errors = doc.errors.map((e) => lineNote(file, lines.linePos(e.pos[0]).line, `YAML: ${e.message.split('\n')[0]}`));
  return { src: { file, doc, lines }, errors };
}

function resolved(src: YamlSource, node: unknown): unknown {
  return isAlias(node) ? node.resolve(src.doc) : node;
}

/** The line a node starts on (null when it has no position). */
export function lineOf(src: YamlSource, node: unknown): number | null {
  const start = (resolved(src, node) as Node | undefined)?.range?.[0];
  return start === undefined ? null : src.lines.linePos(start).line;
}

/** The value node of `key` in a mapping node; undefined when `node` is not a mapping or lacks the key. */
export function yamlGet(src: YamlSource, node: unknown, key: string): unknown {
  const map = resolved(src, node);
  return isMap(map) ? resolved(src, map.get(key, true)) : undefined;
}

/** The key/value pairs of a mapping node, with string keys. */
export function yamlPairs(src: YamlSource, node: unknown): Array<{ key: string; keyNode: unknown; value: unknown }> {
  const map = resolved(src, node);
  if (!isMap(map)) return [];
  return map.items.map((pair) => ({ key: String(isScalar(pair.key) ? pair.key.value : pair.key), keyNode: pair.key, value: resolved(src, pair.value) }));
}

/** The items of a sequence node; undefined when `node` is not a sequence. */
export function yamlItems(src: YamlSource, node: unknown): unknown[] | undefined {
  const seq = resolved(src, node);
  return isSeq(seq) ? seq.items.map((item) => resolved(src, item)) : undefined;
}

/** A scalar's text (numbers and booleans as written by String()); null for anything else. */
export function yamlText(node: unknown): string | null {
  if (!isScalar(node) || node.value === null || typeof node.value === 'object') return null;
  return String(node.value);
}

const TRUE_WORDS = ['true', 'yes', 'on', 'y'];
const FALSE_WORDS = ['false', 'no', 'off', 'n'];

/** A boolean the way netplan reads one (true/yes/on/y and their negations); null otherwise. */
export function yamlBool(node: unknown): boolean | null {
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  const text = yamlText(node)?.toLowerCase();
  if (text !== undefined && TRUE_WORDS.includes(text)) return true;
  if (text !== undefined && FALSE_WORDS.includes(text)) return false;
  return null;
}

/** True for an unquoted scalar (YAML 1.1 readers such as PyYAML may give it another type). */
export function isPlainScalar(node: unknown): boolean {
  return isScalar(node) && node.type === 'PLAIN';
}

// YAML 1.1 base-60 integers: what an unquoted all-digit MAC becomes for PyYAML (cloud-init).
const SEXAGESIMAL = /^[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+$/;

/** True for an unquoted `text` that cloud-init's YAML 1.1 reader takes for a number (a MAC of digits: 52:54:00:12:34:56). */
export function readsAsYaml11Number(node: unknown, text: string): boolean {
  return isPlainScalar(node) && SEXAGESIMAL.test(text);
}

/** True for an empty value (`key:` or `key: null`). */
export function yamlIsNull(node: unknown): boolean {
  return isScalar(node) && node.value === null;
}
