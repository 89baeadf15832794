// Where a template profile is built from: a virt-builder `base`, or a cloud `image` (a catalogue
// key or a URL, docs/images.md) with its `checksum` and `insecureUnverified` beside it. The
// nearest profile of the extends chain that names either wins; one profile naming both, or a
// checksum without an image beside it, is an error at that key.
import { shown, UsageError } from '@rejviz/core';
import { imageSpec, isImageUrl, parseDigest, type Catalogue } from '@rejviz/images';
import { labError } from './lab-error.js';
import type { LabSource } from './lab-source.js';
import type { LabImage, TemplateEntry } from './lab-types.js';

export interface TemplateSource {
  /** The virt-builder template, or the image source as written. */
  base: string;
  image: LabImage | null;
}

/** "problem; fix" of a library's one-line error, for a lab file error at a key. */
function split(message: string): [string, string] {
  const at = message.indexOf('; ');
  return at < 0 ? [message, 'fix the value'] : [message.slice(0, at), message.slice(at + 2)];
}

/** Whether any profile names a catalogue key (the catalogue is read only then). */
export function needsCatalogue(templates: Readonly<Record<string, TemplateEntry>>): boolean {
  return Object.values(templates).some((t) => typeof t.image === 'string' && !isImageUrl(t.image));
}

function imageOf(source: LabSource, profile: string, entry: TemplateEntry, catalogue: Catalogue | null): LabImage {
  const at = (key: string) => ['templates', profile, key];
  const text = entry.image!;
  if (!isImageUrl(text) && catalogue === null) throw new Error(`Assertion failed: no catalogue to look up image ${text} in`);
  let spec;
  try {
    spec = imageSpec(text, catalogue ?? { version: 1, entries: {} });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    throw labError(source, at('image'), ...split(e.message));
  }
  let checksum = null;
  if (entry.checksum !== undefined) {
    try {
      checksum = parseDigest(entry.checksum, 'checksum');
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      throw labError(source, at('checksum'), `${shown(entry.checksum)} is not a digest`, 'write sha256:<64 hex digits> or sha512:<128 hex digits>');
    }
  }
  return { source: text, spec, checksum, insecureUnverified: entry.insecureUnverified ?? false };
}

/** The source of profile `name` (its chain root first), or null when no profile of the chain names one. */
export function templateSource(source: LabSource, chain: readonly [string, TemplateEntry][], catalogue: Catalogue | null): TemplateSource | null {
  for (const [profile, entry] of chain) {
    if (entry.image !== undefined && entry.base !== undefined) {
      throw labError(source, ['templates', profile, 'image'], `the profile ${shown(profile)} names both base and image`, 'give base (a virt-builder template) or image (a cloud image), not both', undefined, true);
    }
    for (const key of ['checksum', 'insecureUnverified'] as const) {
      if (entry[key] !== undefined && entry.image === undefined) {
        throw labError(source, ['templates', profile, key], `${key} belongs to a cloud image, and the profile ${shown(profile)} names none`, `write it beside image: URL|KEY in the same profile, or drop it`, undefined, true);
      }
    }
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const [profile, entry] = chain[i]!;
    if (entry.base !== undefined) return { base: entry.base, image: null };
    if (entry.image !== undefined) return { base: entry.image, image: imageOf(source, profile, entry, catalogue) };
  }
  return null;
}
