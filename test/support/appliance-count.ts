// Counts libguestfs appliance launches: LIBGUESTFS_HV points at a wrapper that logs each qemu
// start that boots a kernel (capability queries such as `qemu -help` are not launches).
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LaunchCounter {
  env: Record<string, string>;
  count(): Promise<number>;
}

/** A qemu wrapper in DIR whose launches can be counted. */
export async function launchCounter(dir: string): Promise<LaunchCounter> {
  const log = join(dir, 'appliance-launches.log');
  const wrapper = join(dir, 'qemu-counting');
  await writeFile(log, '');
  await writeFile(wrapper, `#!/bin/sh\ncase " $* " in *" -kernel "*) echo launch >> '${log}' ;; esac\nexec /usr/bin/qemu-system-x86_64 "$@"\n`);
  await chmod(wrapper, 0o755);
  return {
    env: { LIBGUESTFS_HV: wrapper },
    count: async () => (await readFile(log, 'utf8')).split('\n').filter(Boolean).length,
  };
}
