// Puts a pinned key into rejviz's keyring from wherever its material is (a Debian package's file,
// an https URL): the file is imported into a throw-away GnuPG home, and only the key with the
// pinned fingerprint is exported from there, then its fingerprint is read back before the file
// takes its place. A source holding other keys, or none, adds nothing else. gpg runs with
// --no-autostart: no agent, no dirmngr, so nothing reaches a keyserver.
import { access, copyFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createPrivateDir, InterruptedError, type Runner } from '@rejviz/core';
import type { CatalogueKey, KeySource } from '../catalogue/catalogue-types.js';
import { fetchSmall } from '../download/fetch-small.js';
import type { RetryPolicy } from '../download/retry.js';
import { keyFile, type Keyring } from './keyring-dir.js';

export interface KeyFetch {
  runner: Runner;
  /** No URL is fetched (keys from files only). */
  offline: boolean;
  retry: RetryPolicy;
  timeoutMs: number;
}

const GPG_HINT = 'apt-get install gpg';

/** The fingerprints of the primary keys in a key file. */
export async function keyFingerprints(runner: Runner, home: string, file: string): Promise<string[]> {
  const res = await runner.run('gpg', ['--homedir', home, '--batch', '--no-autostart', '--with-colons', '--show-keys', file], { readOnly: true, allowFailure: true, installHint: GPG_HINT, env: { GNUPGHOME: home } });
  const lines = res.stdout.split('\n');
  // A "fpr" record follows each "pub" (primary) and "sub" record; only the primaries count.
  return lines.flatMap((l, i) => (l.startsWith('fpr:') && lines[i - 1]?.startsWith('pub:') ? [l.split(':')[9]!] : []));
}

async function materialFile(source: KeySource, dir: string, fetch: KeyFetch): Promise<string | null> {
  if ('file' in source) return access(source.file).then(() => source.file, () => null);
  if (fetch.offline) return null;
  // A key server that is down is like a missing file: the next source is tried.
  const got = await fetchSmall(source.url, { retry: fetch.retry, timeoutMs: fetch.timeoutMs, optional: true, maxBytes: 1024 * 1024 }).catch((e) => {
    if (e instanceof InterruptedError) throw e;
    return null;
  });
  if (got === null) return null;
  const path = join(dir, 'fetched-key');
  await writeFile(path, got.bytes);
  return path;
}

async function importFrom(file: string, key: CatalogueKey, keyring: Keyring, fetch: KeyFetch, home: string): Promise<boolean> {
  const run = (args: string[]) => fetch.runner.run('gpg', ['--homedir', home, '--batch', '--no-autostart', ...args], { readOnly: true, allowFailure: true, installHint: GPG_HINT, env: { GNUPGHOME: home } });
  await run(['--import', file]);
  const out = join(home, `${key.fingerprint}.export`);
  await rm(out, { force: true });
  await run(['--yes', '--output', out, '--export', key.fingerprint]);
  const size = await stat(out).then((s) => s.size, () => 0);
  if (size === 0) return false;
  const found = await keyFingerprints(fetch.runner, home, out);
  if (found.length !== 1 || found[0] !== key.fingerprint) return false;
  const target = keyFile(keyring, key.fingerprint);
  // Copied beside its place first (the scratch dir may be another file system), then renamed:
  // a half-written key file never looks like a key.
  await copyFile(out, `${target}.tmp`);
  await rename(`${target}.tmp`, target);
  return true;
}

/** The keyring file of `key`, imported from its sources if not there yet; null when none has it. */
export async function ensureKey(key: CatalogueKey, keyring: Keyring, fetch: KeyFetch): Promise<string | null> {
  const target = keyFile(keyring, key.fingerprint);
  if (await access(target).then(() => true, () => false)) return target;
  const scratch = await createPrivateDir('rejviz-key-');
  try {
    for (const source of key.sources) {
      const file = await materialFile(source, scratch.path, fetch);
      if (file !== null && (await importFrom(file, key, keyring, fetch, scratch.path))) return target;
    }
    return null;
  } finally {
    await scratch.remove();
  }
}
