// cloud-init's own schema check of the merged user-data, where cloud-init is installed on the
// host: it knows every module's keys, which rejviz's YAML checks do not.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onPath, UsageError, type InstallContext } from '@rejviz/core';
import { OPTIONS } from './option-names.js';

/** Runs `cloud-init schema --config-file` on user-data; a schema error is a usage error. */
export async function checkWithCloudInit(ctx: InstallContext, userData: string, source: string | undefined): Promise<void> {
  if ((await onPath('cloud-init', ctx.env)) === null) return;
  // 0700 directory: user-data may hold the user's secrets.
  const dir = await mkdtemp(join(tmpdir(), 'rejviz-schema-'));
  try {
    const file = join(dir, 'user-data');
    await writeFile(file, userData, { mode: 0o600 });
    const result = await ctx.runner.run('cloud-init', ['schema', '--config-file', file], { readOnly: true, allowFailure: true });
    if (result.exitCode !== 0) {
      const text = `${result.stdout}\n${result.stderr}`;
      const found = text.split('\n').map((l) => l.trim()).filter(Boolean);
      // cloud-init 22.x prints "Error:" and then "Cloud config schema errors: KEY: why" on stderr.
      const problem = found.find((l) => /schema errors:/i.test(l))?.replace(/^Cloud config schema errors:\s*/i, '') ?? found.find((l) => l !== 'Error:' && !/deprecations:\s*$/i.test(l));
      const where = source === undefined ? 'the generated user-data' : `${OPTIONS.userData} ${source}`;
      throw new UsageError(`${where}: cloud-init's schema check failed: ${(problem ?? 'no reason given').replace(/\S*rejviz-schema-\S*\/user-data/g, 'user-data')}; fix the file`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
