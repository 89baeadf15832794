// Checks the lab data against schemas/lab.schema.json and words the first problem (the one
// nearest the top of the file) as a lab file error: the key path, the value, and what was
// expected, taken from the schema's own descriptions so that the editor's hints and our
// messages say the same thing.
import { readFileSync } from 'node:fs';
import { detailedValidatorFor, shown, type DetailedAjvError } from '@rejviz/core';
import { labError, type LabFileError } from './lab-error.js';
import { positionOf, type LabPath, type LabSource } from './lab-source.js';

// Compiled to dist/src/lab-file; the schema ships in the package's schemas/.
const SCHEMA_URL = new URL('../../../schemas/lab.schema.json', import.meta.url);

/** The lab file's JSON Schema, as shipped. */
export function labSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Record<string, unknown>;
}

let validator: Promise<(data: unknown) => DetailedAjvError[]> | undefined;

/** Validates the data; the first problem in file order is thrown as a LabFileError. */
export async function checkLabSchema(source: LabSource, data: unknown): Promise<void> {
  validator ??= detailedValidatorFor(labSchema());
  const errors = (await validator)(data).filter((e) => !e.schemaPath.includes('/propertyNames/'));
  const worded = errors.map((e) => wordError(source, data, e));
  worded.sort((a, b) => a.position.line - b.position.line || a.position.col - b.position.col);
  if (worded[0]) throw worded[0];
}

function pathOf(instancePath: string, data: unknown): (string | number)[] {
  if (instancePath === '') return [];
  const path: (string | number)[] = [];
  let node = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key = Array.isArray(node) ? Number(step) : step;
    path.push(key);
    node = (node as Record<string | number, unknown> | undefined)?.[key];
  }
  return path;
}

/** A value as a message shows it: strings quoted, maps and lists named. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return shown(value);
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return String(value);
}

function describe(schema: Record<string, unknown> | undefined): string {
  return typeof schema?.description === 'string' ? schema.description : 'a valid value';
}

function wordError(source: LabSource, data: unknown, e: DetailedAjvError): LabFileError {
  const path = pathOf(e.instancePath, data);
  const parent = e.parentSchema;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((parent.properties as Record<string, unknown> | undefined) ?? {});
      const guess = closest(key, known);
      const fix = `${guess ? `did you mean ${shown(guess)}? ` : ''}the keys here are ${known.join(', ')}`;
      return labError(source, [...path, key], `unknown key ${shown(key)}`, fix, positionOf(source, [...path, key], true));
    }
    case 'required': {
      const key = (e.params as { missingProperty: string }).missingProperty;
      return labError(source, path, `${shown(key)} is missing`, `add ${key}: here (expected ${describe(parent)})`);
    }
    case 'propertyNames': {
      const name = (e.params as { propertyName: string }).propertyName;
      const names = parent.propertyNames as Record<string, unknown> | undefined;
      return labError(source, [...path, name], `${shown(name)} is not a valid name here`, `expected ${describe(names)}`, positionOf(source, [...path, name], true));
    }
    default:
      return labError(source, path, `${valueText(e.data)} is not valid`, `expected ${describe(parent)}`);
  }
}

/** The known key nearest to a mistyped one (at most 2 edits away), for "did you mean". */
function closest(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
