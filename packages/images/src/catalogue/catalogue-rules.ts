// The catalogue's rules beyond its schema, one "path: message" each: an entry that says its
// checksum file is signed names the keys, one that signs nothing names none; every URL a
// distribution publishes is https (an http catalogue URL would downgrade "checksum over https"
// to nothing); {arch} is the only placeholder.
import type { Catalogue, CatalogueEntry } from './catalogue-types.js';

const PLACEHOLDER = /\{([^}]*)\}/g;

function urlProblems(path: string, url: string, remote: boolean): string[] {
  const problems: string[] = [];
  for (const m of url.matchAll(PLACEHOLDER)) if (m[1] !== 'arch') problems.push(`${path}: unknown placeholder {${m[1]}}; only {arch} is replaced`);
  if (remote && !url.startsWith('https://')) problems.push(`${path}: '${url}' is not https; distribution URLs must be https`);
  return problems;
}

function entryProblems(key: string, entry: CatalogueEntry, remote: boolean): string[] {
  const at = `/entries/${key}`;
  const problems = [
    ...urlProblems(`${at}/image`, entry.image, remote),
    ...urlProblems(`${at}/checksum/url`, entry.checksum.url, remote),
    ...(entry.signature.kind === 'detached' ? urlProblems(`${at}/signature/url`, entry.signature.url, remote) : []),
  ];
  if (entry.archive) {
    problems.push(...urlProblems(`${at}/archive/from`, entry.archive.from, remote), ...urlProblems(`${at}/archive/to`, entry.archive.to, remote));
    // The archive holds the same files under another prefix: the image's, at least, moves with it.
    if (!entry.image.startsWith(entry.archive.from)) problems.push(`${at}/archive/from: '${entry.archive.from}' does not start the image URL; the archive must hold the image under 'to'`);
  }
  if (entry.signature.kind === 'none' && entry.keys.length > 0) problems.push(`${at}/keys: the checksum file is not signed (signature.kind none); list no keys`);
  if (entry.signature.kind !== 'none' && entry.keys.length === 0) problems.push(`${at}/keys: signature.kind is ${entry.signature.kind}; pin at least one key`);
  entry.keys.forEach((k, i) => k.sources.forEach((s, j) => {
    if (remote && 'url' in s && !s.url.startsWith('https://')) problems.push(`${at}/keys/${i}/sources/${j}/url: '${s.url}' is not https`);
  }));
  return problems;
}

/**
 * Problems of a schema-valid catalogue. `remote`: the catalogue names distribution servers (the
 * built-in one), whose URLs must be https; a test mirror's catalogue may say http or file.
 */
export function catalogueProblems(catalogue: Catalogue, remote: boolean): string[] {
  return Object.entries(catalogue.entries).flatMap(([key, entry]) => entryProblems(key, entry, remote));
}
