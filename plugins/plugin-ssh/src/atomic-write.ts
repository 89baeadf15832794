// Replacing a small file whole: a temporary file beside it, fsynced, renamed over it, so a crash or
// a signal leaves the old file or the new one, never half of one (known_hosts is read by ssh at
// any time). The same steps as packages/up/src/state/lab-state.ts's writeLabState.
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Writes `text` to `path` atomically with exactly `mode`. */
export async function writeFileAtomic(path: string, text: string, mode: number): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const handle = await open(temp, 'w', mode);
  try {
    await handle.chmod(mode); // the umask may only take bits away; set exactly `mode`
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
