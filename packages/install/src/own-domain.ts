// Undoing the domain an install made: after a failed or interrupted virt-install, a domain of the
// run's name that carries the run's UUID is this run's (a concurrent run's domain of the same name
// has another UUID) and is stopped and undefined. Its disks stay: they are the user's images; the
// seed volume has its own undo.
import { onCleanup, type Cleanup, type Runner } from '@rejviz/core';

/** Registers the removal of domain `name` with `uuid`, should it exist when the undo runs. */
export function undoOwnDomain(runner: Runner, virshConnect: readonly string[], name: string, uuid: string): Cleanup {
  return onCleanup(`domain ${name} (${uuid})`, async () => {
    const run = (args: string[]) => runner.run('virsh', [...virshConnect, ...args], { allowFailure: true, onStop: 'undo' });
    const found = await run(['domuuid', name]);
    if (found.exitCode !== 0 || found.stdout.trim().toLowerCase() !== uuid.toLowerCase()) return;
    await run(['destroy', uuid]);
    // --nvram: a UEFI domain's variables file would otherwise keep undefine from succeeding.
    if ((await run(['undefine', uuid])).exitCode !== 0) await run(['undefine', '--nvram', uuid]);
  });
}
