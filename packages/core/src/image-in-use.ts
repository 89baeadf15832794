// Whether a qemu process (a running domain, a libguestfs appliance of another run) has an image
// open. qemu marks every image it opens with open-file-description locks in a byte range starting
// at 100 (one byte per permission it holds, and at 200 one per permission it will not share:
// qemu's util/osdep.c and block/file-posix.c). A writer such as virt-customize cannot open an image
// such a lock is on, and libguestfs then reports only "the appliance failed to start". The kernel
// lists every lock in /proc/locks by device and inode, so no process has to be started to ask.
import { readFile, stat } from 'node:fs/promises';

const QEMU_LOCK_BYTES = { from: 100, to: 299 };

// st_dev as the kernel's MAJOR:MINOR (new_encode_dev in reverse), in /proc/locks' hex spelling.
function deviceId(dev: number): string {
  const major = Math.floor(dev / 256) % 4096;
  const minor = (dev % 256) + Math.floor(dev / 1048576) * 256;
  return `${major.toString(16).padStart(2, '0')}:${minor.toString(16).padStart(2, '0')}`;
}

/** True when some process holds qemu's image locks on `path` (false when that cannot be told). */
export async function imageInUse(path: string): Promise<boolean> {
  const [s, locks] = await Promise.all([stat(path).catch(() => null), readFile('/proc/locks', 'utf8').catch(() => '')]);
  if (s === null || locks === '') return false;
  const id = `${deviceId(s.dev)}:${s.ino}`;
  // "1: OFDLCK ADVISORY READ -1 fd:01:2146428 100 100"
  return locks.split('\n').some((line) => {
    const f = line.trim().split(/\s+/);
    const start = Number(f[6]);
    return f[1] === 'OFDLCK' && f[5] === id && start >= QEMU_LOCK_BYTES.from && start <= QEMU_LOCK_BYTES.to;
  });
}
