// Refuses what cannot be a guest disk before a libguestfs appliance (or a domain) is given it: a
// directory, a FIFO or socket, an empty file, a file that holds no disk image. libguestfs would
// otherwise start (10-20 s under TCG) and then print eight lines of advice.
//
// How a disk image is recognised, with two read-only queries run side by side (about 10 ms):
//  * `qemu-img info -U --output=json` names the format. Anything but raw (qcow2, vmdk, vdi, vhdx,
//    ...) is an image format: accepted. -U: the image may be in use by a running domain.
//  * raw is what qemu-img calls any file it does not recognise, so raw content must show a
//    partition table or a filesystem (or LVM, RAID ...) to `blkid -p`, which probes the content
//    itself (no cache) and exits 2 when it finds nothing there.
import { stat, access } from 'node:fs/promises';
import { constants } from 'node:fs';
import { ToolError, ERROR_CODES, UsageError } from './errors.js';
import { tail, type Runner } from './exec.js';

const FIX = 'give a disk image (qcow2, or raw with a partition table or filesystem)';

async function fileProblem(path: string): Promise<string | null> {
  const s = await stat(path).catch((err: NodeJS.ErrnoException) => err);
  if (s instanceof Error) return s.code === 'ENOENT' ? 'no such file; check the path' : `cannot be read (${s.code ?? s.message})`;
  if (s.isDirectory()) return `is a directory; ${FIX}`;
  if (!s.isFile() && !s.isBlockDevice()) return `is neither a regular file nor a block device; ${FIX}`;
  if (s.isFile() && s.size === 0) return `is an empty file; ${FIX}`;
  const unreadable = await access(path, constants.R_OK).then(() => null, (err: NodeJS.ErrnoException) => err.code ?? err.message);
  return unreadable === null ? null : `cannot be read (${unreadable})`;
}

/** The first line qemu-img gives as its reason, without its "qemu-img: " prefix. */
function reasonOf(stderr: string): string {
  return (stderr.trim().split('\n')[0] ?? '').replace(/^qemu-img: /, '') || 'no reason given';
}

/**
 * Throws a one-line UsageError (`label: problem; fix`, e.g. label `-a /srv/vm.img`) unless `path`
 * is a regular file or block device holding a disk image. Only read-only queries run.
 */
export async function checkDiskImage(runner: Runner, path: string, label: string): Promise<void> {
  const problem = await fileProblem(path);
  if (problem !== null) throw new UsageError(`${label}: ${problem}`, ERROR_CODES.INPUT);
  const [info, probe] = await Promise.all([
    runner.run('qemu-img', ['info', '-U', '--output=json', path], { readOnly: true, allowFailure: true, installHint: 'apt-get install qemu-utils' }),
    runner.run('blkid', ['-p', path], { readOnly: true, allowFailure: true, installHint: 'apt-get install util-linux' }),
  ]);
  if (info.exitCode !== 0) throw new UsageError(`${label}: is not a disk image qemu-img can open (${reasonOf(info.stderr)}); ${FIX}`, ERROR_CODES.INPUT);
  const format = (JSON.parse(info.stdout) as { format?: string }).format;
  if (format !== 'raw') return;
  // blkid -p: 0 found something, 2 found nothing, 8 found several signatures (still a disk).
  if (probe.exitCode === 0 || probe.exitCode === 8) return;
  if (probe.exitCode === 2) throw new UsageError(`${label}: is not a disk image: qemu-img sees raw data, and blkid finds no partition table or filesystem in it; ${FIX}`, ERROR_CODES.INPUT);
  throw new ToolError('blkid', probe.command, probe.exitCode, tail(probe.stderr));
}
