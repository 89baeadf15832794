// What the image's digest must be, and how far that is verified (trust-level.ts): the digest
// pinned by hand; else the image's entry in its checksum file, whose signature (when the source
// has one) gpgv checks against the pinned keys first. Refusals come here, before any image byte
// is fetched: a source that cannot reach the level it needs stops unless --insecure-unverified.
import { findChecksumEntry } from '../checksum/find-entry.js';
import { checksumCandidates } from '../checksum/find-checksum-file.js';
import { parseChecksumFile } from '../checksum/parse-checksum-file.js';
import type { Digest } from '../digest.js';
import { fetchSmall, type SmallFile } from '../download/fetch-small.js';
import { ImageError } from '../image-error.js';
import type { ChecksumSource, ImageSpec } from '../image-spec.js';
import type { PullContext } from '../pull-context.js';
import { ensureKey } from './import-key.js';
import { openKeyring, type Keyring } from './keyring-dir.js';
import { meetsLevel, requiredLevel, type Verification } from './trust-level.js';
import { verifyClearsigned, verifyDetached } from './verify-signature.js';

export interface Expected {
  /** Null: nothing names the digest (an unverified image, taken with --insecure-unverified). */
  digest: Digest | null;
  verification: Verification;
}

function unverifiable(spec: ImageSpec, why: string): ImageError {
  return new ImageError('unverified', `${spec.source}: nothing verifies ${spec.imageUrl} (${why}); pin its digest with --checksum sha256:HEX, or pass --insecure-unverified to take it unverified`);
}

const fetchOptions = (ctx: PullContext) => ({ retry: ctx.retry, timeoutMs: ctx.timeoutMs });

/** The checksum file and its source: the one given, or the first found beside the image. */
async function checksumFile(spec: ImageSpec, ctx: PullContext): Promise<{ source: ChecksumSource; file: SmallFile } | null> {
  if (spec.checksum) return { source: spec.checksum, file: await fetchSmall(spec.checksum.url, fetchOptions(ctx)) };
  for (const source of checksumCandidates(spec)) {
    const file = await fetchSmall(source.url, { ...fetchOptions(ctx), optional: true });
    if (file === null) continue;
    try {
      findChecksumEntry(parseChecksumFile(file.bytes.toString('utf8'), source.url), { name: spec.fileName, file: source.url, ...source });
      return { source, file };
    } catch (err) {
      if (!(err instanceof ImageError && err.failure === 'checksum')) throw err;
    }
  }
  return null;
}

/** The pinned keys' keyring files; null when some key's material is nowhere (and insecure). */
async function keyFiles(spec: ImageSpec, ctx: PullContext): Promise<{ files: string[]; keyring: Keyring } | null> {
  const keyring = await openKeyring(ctx.env, ctx.keyringDir);
  const fetch = { runner: ctx.runner, offline: ctx.offline, ...fetchOptions(ctx) };
  const files: string[] = [];
  for (const key of spec.keys) {
    const file = await ensureKey(key, keyring, fetch);
    if (file !== null) {
      files.push(file);
      continue;
    }
    const where = key.sources.map((s) => ('file' in s ? `${s.file}${s.package ? ` (${s.package})` : ''}` : s.url)).join(' or ');
    if (!ctx.insecureUnverified) throw new ImageError('key', `${spec.source}: no material for the signing key ${key.name} (${key.fingerprint}) in ${where}; install it, or pass --insecure-unverified`);
    ctx.notice(`warning: ${spec.source}: the signing key ${key.fingerprint} is not available; the checksum file's signature is not checked`);
    return null;
  }
  return { files, keyring };
}

/** The checksum text to trust and who signed it (signer null: not signed, or not checkable). */
async function signedText(spec: ImageSpec, ctx: PullContext, source: ChecksumSource, file: SmallFile): Promise<{ text: string | null; signer: string | null }> {
  if (spec.signature.kind === 'none') return { text: file.bytes.toString('utf8'), signer: null };
  const keys = await keyFiles(spec, ctx);
  const clearsigned = spec.signature.kind === 'clearsigned';
  // Without the key a clearsigned file cannot be read: its text is only taken from gpgv.
  if (keys === null) return { text: clearsigned ? null : file.bytes.toString('utf8'), signer: null };
  const check = { runner: ctx.runner, keyring: keys.keyring, keyFiles: keys.files, pins: spec.keys.map((k) => k.fingerprint), what: source.url };
  if (spec.signature.kind === 'clearsigned') return verifyClearsigned(check, file.bytes);
  const signature = await fetchSmall(spec.signature.url, fetchOptions(ctx));
  return { text: file.bytes.toString('utf8'), signer: await verifyDetached(check, file.bytes, signature.bytes) };
}

/** The expected digest of `spec`'s image and its verification; throws when it is not enough. */
export async function expectedDigest(spec: ImageSpec, ctx: PullContext): Promise<Expected> {
  if (ctx.pinned) return { digest: ctx.pinned, verification: { level: 'pinned', checksumUrl: null, signer: null } };
  const required = requiredLevel(spec.signature);
  const checksumHttps = (spec.checksum?.url ?? spec.imageUrl).startsWith('https://');
  if (!ctx.insecureUnverified && spec.signature.kind === 'none' && !checksumHttps) {
    throw unverifiable(spec, 'it has no signature and its checksum file is not fetched over https');
  }
  const found = await checksumFile(spec, ctx);
  if (found === null) {
    if (!ctx.insecureUnverified) throw unverifiable(spec, 'no checksum file was found beside it');
    return { digest: null, verification: { level: 'unverified', checksumUrl: null, signer: null } };
  }
  const { text, signer } = await signedText(spec, ctx, found.source, found.file);
  const checksumUrl = found.source.url;
  if (text === null) return { digest: null, verification: { level: 'unverified', checksumUrl, signer: null } };
  const digest = findChecksumEntry(parseChecksumFile(text, checksumUrl), { name: spec.fileName, file: checksumUrl, ...found.source });
  const level = signer !== null ? 'signed' : found.file.allHttps ? 'https-checksum' : 'unverified';
  if (!meetsLevel(level, required, ctx.insecureUnverified)) throw unverifiable(spec, `its checksum file ${checksumUrl} came over ${found.file.finalUrl.split(':')[0]} without a signature`);
  return { digest, verification: { level, checksumUrl, signer } };
}
