// Reads and edits the ext filesystem of a raw fixture image's first partition with e2fsprogs'
// debugfs, on the host: no libguestfs appliance (about 30 s under TCG each, and the guestfs tier
// is the suite's long pole). For checking what a real tool wrote into an image, or for setting
// up an image before the real tool runs; the tool under test still runs its own appliance.
// Only raw images with an ext2/3/4 root on partition 1 (the fixtures: tiny-centos7, debian-12);
// the image must not be in use.
import { createRunner } from '@rejviz/core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `IMAGE?offset=N` (debugfs' unix I/O option) for partition 1 of a raw image. */
async function partitionDevice(image: string): Promise<string> {
  const res = await createRunner().run('sfdisk', ['--json', image]);
  const table = JSON.parse(res.stdout) as { partitiontable: { sectorsize?: number; partitions: { start: number }[] } };
  const first = table.partitiontable.partitions[0];
  if (!first) throw new Error(`${image}: no partition`);
  return `${image}?offset=${first.start * (table.partitiontable.sectorsize ?? 512)}`;
}

async function debugfs(device: string, request: string, write = false): Promise<{ stdout: string; stderr: string }> {
  const res = await createRunner().run('debugfs', [...(write ? ['-w'] : []), '-R', request, device], { allowFailure: true });
  if (res.exitCode !== 0) throw new Error(`debugfs -R '${request}' failed (${res.exitCode}): ${res.stderr}`);
  return res;
}

const notFound = (stderr: string) => /File not found by ext2_lookup/.test(stderr);
// debugfs exits 0 when a request fails; what it says on stderr past its banner is the failure.
const complaint = (stderr: string) => stderr.split('\n').filter((l) => l.trim() !== '' && !/^debugfs \d/.test(l)).join('; ');

/**
 * Answers guestfish-style requests, each as guestfish prints it: `cat PATH` (the file, or ''
 * when there is none: guestfish's `-cat`), `is-file PATH` ('true\n' or 'false\n').
 */
export async function extRead(image: string, requests: string[]): Promise<string[]> {
  const device = await partitionDevice(image);
  const answers: string[] = [];
  for (const request of requests) {
    const [verb, path] = request.split(/\s+/, 2);
    if (!path || path.includes('"')) throw new Error(`extRead: cannot read ${request}`);
    if (verb === 'cat') {
      const res = await debugfs(device, `cat "${path}"`);
      answers.push(notFound(res.stderr) ? '' : res.stdout);
    } else if (verb === 'is-file') {
      const res = await debugfs(device, `stat "${path}"`);
      answers.push(/Type: regular/.test(res.stdout) ? 'true\n' : 'false\n');
    } else {
      throw new Error(`extRead: unknown request ${request}`);
    }
  }
  return answers;
}

export type ExtEdit =
  | { rm: string }
  | { symlink: string; target: string }
  | { write: string; content: string; mode: number };

/** Applies the edits in order, read-write (the image must not be in use). */
export async function extEdit(image: string, edits: ExtEdit[]): Promise<void> {
  const device = await partitionDevice(image);
  const dir = await mkdtemp(join(tmpdir(), 'rjv-ext-'));
  try {
    for (const [i, edit] of edits.entries()) {
      if ('rm' in edit) {
        const res = await debugfs(device, `rm "${edit.rm}"`, true);
        if (complaint(res.stderr)) throw new Error(`extEdit: rm ${edit.rm}: ${complaint(res.stderr)}`);
      } else if ('symlink' in edit) {
        const res = await debugfs(device, `symlink "${edit.symlink}" "${edit.target}"`, true);
        if (complaint(res.stderr)) throw new Error(`extEdit: symlink ${edit.symlink}: ${complaint(res.stderr)}`);
      } else {
        const local = join(dir, String(i));
        await writeFile(local, edit.content);
        for (const request of [`write "${local}" "${edit.write}"`, `set_inode_field "${edit.write}" mode 0${(0o100000 | edit.mode).toString(8)}`]) {
          // debugfs' write keeps the host file's mode bits; the second request sets the one asked for.
          const res = await debugfs(device, request, true);
          if (complaint(res.stderr)) throw new Error(`extEdit: ${request}: ${complaint(res.stderr)}`);
        }
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
