// The libguestfs tools get the host's TCG decision (force_tcg) from the recorded host facts without
// the caller asking; other programs do not, and the user's own setting wins.
import test from 'ava';
import { chmod, writeFile } from 'node:fs/promises';
import { release } from 'node:os';
import { join } from 'node:path';
import { createRunner } from '../src/exec.js';
import { scratchDir } from '@rejviz/test-support';

test.serial('virt-* and guestfish run with LIBGUESTFS_BACKEND_SETTINGS from host.json; other tools do not', async (t) => {
  const dir = await scratchDir(t, 'rjv-exec-env-');
  const facts = { kvm: false, reason: 'test', virtType: 'qemu', libguestfsBackendSettings: 'force_tcg', kernel: release(), qemu: 'x', checkedAt: 'now' };
  await writeFile(join(dir, 'host.json'), JSON.stringify(facts));
  const script = '#!/bin/sh\necho "${LIBGUESTFS_BACKEND_SETTINGS:-unset} ${LIBGUESTFS_BACKEND:-unset}"\n';
  for (const tool of ['virt-cat', 'not-guestfs']) {
    await writeFile(join(dir, tool), script);
    await chmod(join(dir, tool), 0o755);
  }
  process.env.REJVIZ_STATE_DIR = dir;
  delete process.env.LIBGUESTFS_BACKEND_SETTINGS;
  process.env.PATH = `${dir}:${process.env.PATH}`;
  const runner = createRunner();
  t.is((await runner.run('virt-cat', [])).stdout.trim(), 'force_tcg direct');
  t.is((await runner.run('not-guestfs', [])).stdout.trim(), 'unset unset');
  // What the caller passes wins over the host's defaults.
  t.is((await runner.run('virt-cat', [], { env: { LIBGUESTFS_BACKEND_SETTINGS: 'mine' } })).stdout.trim(), 'mine direct');
});
