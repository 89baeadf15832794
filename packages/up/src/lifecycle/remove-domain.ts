// Removes one domain of a lab: stopped hard if it runs, then undefined with its managed save,
// snapshot and checkpoint metadata and NVRAM (the test driver refuses the last two: then
// without them). Its volumes are the caller's to remove: they are found by name.
import type { LibvirtConnection, Runner } from '@rejviz/core';
import { virshRun } from '../libvirt/pool.js';

const UNDEFINE_FLAGS = ['--managed-save', '--snapshots-metadata', '--checkpoints-metadata', '--nvram'];
const PORTABLE_FLAGS = ['--managed-save', '--snapshots-metadata'];

/** Stops (if needed) and undefines `domain`. */
export async function removeDomain(runner: Runner, connection: LibvirtConnection, domain: string, state: string): Promise<void> {
  if (state !== 'shut off') await virshRun(runner, connection, ['destroy', domain], true);
  const result = await virshRun(runner, connection, ['undefine', domain, ...UNDEFINE_FLAGS], true);
  if (result.exitCode === 0) return;
  // Any other failure is reported by the second try, which throws.
  await virshRun(runner, connection, ['undefine', domain, ...PORTABLE_FLAGS]);
}
