// The image catalogue rejviz-up looks image: keys up in: the one shipped with rejviz, or the file
// REJVIZ_IMAGE_CATALOGUE names (a site's own mirror, or a test mirror on 127.0.0.1 signed by a
// throw-away key: docs/up.md#cloud-image-templates). A file's URLs may be http or file.
import { UsageError } from '@rejviz/core';
import { builtinCatalogue, readCatalogueFile, type Catalogue } from '@rejviz/images';

export const CATALOGUE_ENV = 'REJVIZ_IMAGE_CATALOGUE';

/** The catalogue for this environment. */
export async function labCatalogue(env: Readonly<Record<string, string | undefined>>): Promise<Catalogue> {
  const file = env[CATALOGUE_ENV];
  if (!file) return builtinCatalogue();
  try {
    return await readCatalogueFile(file);
  } catch (e) {
    // The file came from the environment: the message says which variable named it.
    if (e instanceof UsageError) throw new UsageError(`${CATALOGUE_ENV}: ${e.message}`, e.code);
    throw e;
  }
}
