// cloud-init's own schema check of the merged user-data, where cloud-init is installed on the
// host: it knows every module's keys, which rejviz's YAML checks do not.
import { createPrivateDir, onPath, UsageError, writePrivateFile, type InstallContext } from '@rejviz/core';
import { OPTIONS } from './option-names.js';
import { withoutUserDataSecrets } from './redact.js';

/** Runs `cloud-init schema --config-file` on user-data; a schema error is a usage error. */
export async function checkWithCloudInit(ctx: InstallContext, userData: string, source: string | undefined): Promise<void> {
  if ((await onPath('cloud-init', ctx.env)) === null) return;
  // user-data may hold the user's secrets: a 0700 directory whose removal is registered before
  // the file is written, so that a stop signal (or the stop watchdog) removes it too.
  const dir = await createPrivateDir('rejviz-schema-');
  try {
    const file = await writePrivateFile(dir.path, 'user-data', userData);
    const result = await ctx.runner.run('cloud-init', ['schema', '--config-file', file], { readOnly: true, allowFailure: true });
    if (result.exitCode !== 0) {
      const text = `${result.stdout}\n${result.stderr}`;
      const found = text.split('\n').map((l) => l.trim()).filter(Boolean);
      // cloud-init 22.x prints "Error:" and then "Cloud config schema errors: KEY: why" on stderr.
      const problem = found.find((l) => /schema errors:/i.test(l))?.replace(/^Cloud config schema errors:\s*/i, '') ?? found.find((l) => l !== 'Error:' && !/deprecations:\s*$/i.test(l));
      const where = source === undefined ? 'the generated user-data' : `${OPTIONS.userData} ${source}`;
      // cloud-init quotes the value it complains about, which may be a password.
      const why = withoutUserDataSecrets((problem ?? 'no reason given').replace(/\S*rejviz-schema-\S*\/user-data/g, 'user-data'), userData);
      throw new UsageError(`${where}: cloud-init's schema check failed: ${why}; fix the file`);
    }
  } finally {
    await dir.remove();
  }
}
