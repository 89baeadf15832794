// Reads the user's own cloud-config (--user-data FILE), the base that rejviz adds to.

import { UsageError } from '@rejviz/core';
import { isMap, parseDocument, type Document, type YAMLError } from 'yaml';
import { OPTIONS } from './option-names.js';

/** The text of a --user-data file and its name for messages. */
export interface UserDataBase {
  text: string;
  /** The file as the user named it; messages read `--user-data SOURCE: ...`. */
  source: string;
}

/** The header line cloud-init needs to read a part as cloud-config. */
export const CLOUD_CONFIG_HEADER = '#cloud-config';

/**
 * YAML 1.1, as cloud-init reads user-data with PyYAML: `yes`/`on` are booleans, `12:30` a number.
 * The same schema writes the merged file, so strings that 1.1 would misread get quoted.
 */
export const YAML_OPTIONS = { version: '1.1', prettyErrors: true, uniqueKeys: true } as const;

function yamlProblem(error: YAMLError): string {
  const first = error.message.split('\n')[0] ?? error.code;
  const line = error.linePos?.[0].line;
  const what = first.replace(/ at line \d+, column \d+:?$/, '');
  return line === undefined ? what : `line ${line}: ${what}`;
}

/**
 * Parses a --user-data file: first line `#cloud-config` exactly, then one YAML document that is a
 * mapping (an empty one is an empty mapping). Unknown tags and duplicate keys are refused, since
 * cloud-init's safe loader would fail on the first and silently keep only the last of the second.
 */
export function parseUserDataBase({ text, source }: UserDataBase): Document {
  const where = `${OPTIONS.userData} ${source}`;
  const newline = text.indexOf('\n');
  const header = newline === -1 ? text : text.slice(0, newline);
  if (header.trimEnd() !== CLOUD_CONFIG_HEADER) {
    throw new UsageError(`${where}: first line must be ${CLOUD_CONFIG_HEADER} (MIME multi-part and scripts are not supported)`);
  }
  // The header becomes an empty line, so YAML error line numbers are the file's line numbers.
  const doc: Document = parseDocument(newline === -1 ? '' : `\n${text.slice(newline + 1)}`, YAML_OPTIONS);
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem !== undefined) throw new UsageError(`${where}: not valid YAML: ${yamlProblem(problem)}; fix the file`);
  if (doc.contents === null) doc.contents = doc.createNode({});
  if (!isMap(doc.contents)) {
    const found = Array.isArray(doc.toJS()) ? 'a list' : 'a single value';
    throw new UsageError(`${where}: the YAML is ${found}, not a mapping; cloud-config is a mapping of keys such as users: and runcmd:`);
  }
  return doc;
}
