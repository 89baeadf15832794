// Processes a stopped tool left behind. A tool ended by a signal can leave its own children
// running: virt-builder's qemu-img or xz would go on writing the temporary image after rejviz
// removed it. Every program rejviz starts carries REJVIZ_RUN_ID in its environment; children
// inherit it, and keep it when they are re-parented to init, so /proc/PID/environ finds them all.
// (A libguestfs appliance's qemu carries it too; libvirtd's domains do not: libvirtd starts them.)
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export const RUN_ID_ENV = 'REJVIZ_RUN_ID';

/** This process's run id, put in the environment of every program it starts. */
export const RUN_ID = `${process.pid}-${randomBytes(4).toString('hex')}`;

/** PIDs of live processes whose environment has `name`=`value` (this process excluded). */
export async function processesWithEnv(name: string, value: string): Promise<number[]> {
  const entry = `${name}=${value}`;
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid);
  const hits = await Promise.all(
    pids.map(async (pid) => {
      const env = await readFile(`/proc/${pid}/environ`).catch(() => null);
      // A zombie (exited, not yet reaped) has an empty environ: it is gone for our purposes.
      return env !== null && env.toString('latin1').split('\0').includes(entry) ? Number(pid) : null;
    }),
  );
  return hits.filter((p): p is number => p !== null);
}

function signalAll(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Waits until no process of this run is left, sending SIGTERM and, after `graceMs`, SIGKILL. */
export async function stopLeftovers(graceMs = 5000): Promise<void> {
  let left = await processesWithEnv(RUN_ID_ENV, RUN_ID);
  if (left.length === 0) return;
  signalAll(left, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  let killed = false;
  while (left.length > 0) {
    if (!killed && Date.now() > deadline) {
      signalAll(left, 'SIGKILL');
      killed = true;
    } else if (killed && Date.now() > deadline + 2000) {
      return; // unkillable (uninterruptible sleep): nothing more a user-space process can do
    }
    await sleep(50);
    left = await processesWithEnv(RUN_ID_ENV, RUN_ID);
  }
}
