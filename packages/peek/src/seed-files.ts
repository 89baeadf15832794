// A NoCloud seed attached to a domain as a cdrom (an ISO 9660 volume labelled cidata) is read on
// the host with xorriso, read-only: it is a plain file, so it costs no appliance launch.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Runner } from '@rejviz/core';

export interface SeedFiles {
  path: string;
  label: string;
  networkConfig: string | null;
  metaData: string | null;
}

/** The seed's label and files, or null when `iso` is not a cidata/CIDATA volume (or unreadable). */
export async function readSeed(runner: Runner, iso: string): Promise<SeedFiles | null> {
  const label = await runner.run('blkid', ['-o', 'value', '-s', 'LABEL', iso], { readOnly: true, allowFailure: true });
  const name = label.stdout.trim();
  if (label.exitCode !== 0 || name.toLowerCase() !== 'cidata') return null;
  const dir = await mkdtemp(join(tmpdir(), 'rejviz-seed-'));
  try {
    // -osirrox on: allow extraction; missing files (a seed without network-config) are no error here.
    await runner.run('xorriso', ['-osirrox', 'on', '-indev', iso, '-extract', '/', dir], { readOnly: true, allowFailure: true, installHint: 'apt-get install xorriso' });
    const read = (file: string) => readFile(join(dir, file), 'utf8').catch(() => null);
    return { path: iso, label: name, networkConfig: await read('network-config'), metaData: await read('meta-data') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
