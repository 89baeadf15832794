// libvirt's test driver through libvirtd (test+unix:///default): its state lives as long as one
// connection stays open, so a "holder" virsh keeps it while a test file's processes share it.
// Closing the holder resets the state.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRunner } from '@rejviz/core';

export const TEST_URI = 'test+unix:///default';

let holder: ChildProcess | undefined;

/** Opens the holder connection; call from test.before. */
export async function holdTestDriver(): Promise<void> {
  holder = spawn('virsh', ['-c', TEST_URI], { stdio: ['pipe', 'ignore', 'ignore'] });
  const r = createRunner();
  for (let i = 0; i < 50; i++) {
    const res = await r.run('virsh', ['-c', TEST_URI, 'uri'], { allowFailure: true });
    if (res.exitCode === 0) return;
    await sleep(100);
  }
  throw new Error(`libvirtd does not answer on ${TEST_URI}; run scripts/host-setup`);
}

/** Closes the holder; call from test.after.always. */
export function releaseTestDriver(): void {
  holder?.stdin?.end();
  holder?.kill();
}
