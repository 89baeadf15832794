// A secret handed to a wrapped tool as a file (an RHSM password, a registration script) that
// exists only while this process lives. It is created 0600 in a private 0700 directory, its name
// is removed at once, and the tool opens it through this process's open descriptor,
// /proc/PID/fd/N (the same user may). Even SIGKILL, which no clean-up survives, then leaves
// nothing on disk: the kernel closes the descriptor and frees the file. (Linux only, as rejviz.)
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { onCleanup } from './cleanup.js';
import { createPrivateDir } from './private-dir.js';

export interface SecretFile {
  /** The path the tool opens: /proc/PID/fd/N. */
  path: string;
  /** Closes the descriptor: the file is gone. */
  close(): Promise<void>;
}

/** Writes `content` into a nameless private file; `name` only labels it while it is created. */
export async function createSecretFile(name: string, content: string): Promise<SecretFile> {
  const dir = await createPrivateDir('rejviz-secret-');
  try {
    const path = join(dir.path, name);
    const handle = await open(path, 'wx', 0o600);
    // Registered before anything else can fail: the descriptor is the secret's last home.
    const closing = onCleanup(`secret ${name}`, () => handle.close());
    await handle.chmod(0o600); // the umask may only take bits away; set exactly 0600
    await handle.writeFile(content, 'utf8');
    await unlink(path);
    return { path: `/proc/${process.pid}/fd/${handle.fd}`, close: () => closing.run() };
  } finally {
    await dir.remove();
  }
}
