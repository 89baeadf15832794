// The catalogue, typed and checked: the built-in one (catalogue.json, shipped in the package and
// inlined in a linked bin) or another (a test mirror's, a site's own) read from a file.
import { readFile } from 'node:fs/promises';
import { UsageError, validatorFor } from '@rejviz/core';
import builtin from './catalogue.json' with { type: 'json' };
import { catalogueProblems } from './catalogue-rules.js';
import { CATALOGUE_SCHEMA } from './catalogue-schema.js';
import type { Catalogue } from './catalogue-types.js';

let validator: Promise<(data: unknown) => string[]> | undefined;

/** Checks `data` as a catalogue; `what` names it in the one-line error ("catalogue /srv/c.json"). */
export async function checkCatalogue(data: unknown, what: string, remote: boolean): Promise<Catalogue> {
  validator ??= validatorFor(CATALOGUE_SCHEMA);
  const shape = (await validator)(data);
  const problems = shape.length > 0 ? shape : catalogueProblems(data as Catalogue, remote);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new UsageError(`${what}: ${problems[0]}${more}; fix the catalogue`);
  }
  return data as Catalogue;
}

let checkedBuiltin: Promise<Catalogue> | undefined;

/** The catalogue shipped with rejviz. */
export function builtinCatalogue(): Promise<Catalogue> {
  checkedBuiltin ??= checkCatalogue(builtin, 'the built-in image catalogue', true);
  return checkedBuiltin;
}

/** A catalogue read from a JSON file; its URLs may be http or file (a local mirror). */
export async function readCatalogueFile(path: string): Promise<Catalogue> {
  const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`catalogue ${path}: cannot read it (${e.code ?? e.message}); give an existing JSON file`);
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`catalogue ${path}: not JSON (${(e as Error).message}); fix the file`);
  }
  return checkCatalogue(data, `catalogue ${path}`, false);
}
