// rejviz-up images catalogue: each key of the image catalogue (lab-catalogue.ts) with the URLs it
// stands for on this host's architecture, its checksum file, how that is signed and by which key.
import { catalogueImageSpec, hostArch } from '@rejviz/images';
import { labCatalogue } from './lab-catalogue.js';

export interface CatalogueItem {
  key: string;
  description: string;
  osinfo: string;
  /** The image's URL for this host's architecture; null when the catalogue has none for it. */
  image: string | null;
  checksum: string | null;
  /** none, detached (with its URL) or clearsigned. */
  signature: { kind: string; url?: string };
  /** The signing keys' full primary fingerprints. */
  keys: { name: string; fingerprint: string }[];
  /** Where the image is looked for once its URL answers 404 (the release's archive), when the catalogue says. */
  archive?: string;
}

/** The catalogue of this environment (REJVIZ_IMAGE_CATALOGUE, else the built-in one), key by key. */
export async function catalogueListing(env: Readonly<Record<string, string | undefined>>): Promise<CatalogueItem[]> {
  const catalogue = await labCatalogue(env);
  return Object.entries(catalogue.entries).map(([key, entry]) => {
    const spec = entry.arches[hostArch()] === undefined ? null : catalogueImageSpec(catalogue, key);
    return {
      key, description: entry.description, osinfo: entry.osinfo,
      image: spec?.imageUrl ?? null,
      checksum: spec?.checksum?.url ?? null,
      signature: spec ? { kind: spec.signature.kind, ...(spec.signature.kind === 'detached' && { url: spec.signature.url }) } : { kind: entry.signature.kind },
      keys: entry.keys.map((k) => ({ name: k.name, fingerprint: k.fingerprint })),
      ...(spec?.archived && { archive: spec.archived.imageUrl }),
    };
  });
}
