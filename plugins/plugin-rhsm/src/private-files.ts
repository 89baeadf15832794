// Private temporary files for secrets: one 0700 directory per run under os.tmpdir(), files 0600
// created exclusively. The caller puts the directory in plan.cleanup (the commands delete it in a
// finally block); a process 'exit' hook also removes it, for a plan that fails after our tap ran
// and never reaches the command's finally block.
import { rmSync } from 'node:fs';
import { chmod, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'rejviz-rhsm-';
const pending = new Set<string>();
let hooked = false;

function removeAtExit(dir: string): void {
  pending.add(dir);
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const d of pending) rmSync(d, { recursive: true, force: true });
  });
}

/** Where files would go under --dry-run, which writes nothing: a path that is never created. */
export function placeholderPath(name: string): string {
  return join(tmpdir(), `${PREFIX}XXXXXX`, name);
}

/** A fresh directory only we can enter (0700). */
export async function makePrivateDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), PREFIX));
  removeAtExit(dir);
  await chmod(dir, 0o700); // mkdtemp already uses 0700; said explicitly, whatever the platform
  return dir;
}

/** Writes a new file only we can read (0600) in a private directory; returns its path. */
export async function writePrivateFile(dir: string, name: string, content: string): Promise<string> {
  const path = join(dir, name);
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.chmod(0o600); // the umask may only take bits away; set exactly 0600
    await handle.writeFile(content, 'utf8');
  } finally {
    await handle.close();
  }
  return path;
}

/** Removes a private directory now (used when writing into it failed). */
export async function removePrivateDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  pending.delete(dir);
}
