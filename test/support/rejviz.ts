// Runs the rejviz bins as a user would (node + the linked bin of package.json "bin"), offline, against the fixture
// repository; returns exit code and output instead of throwing.
import { createRunner, type RunResult } from '@rejviz/core';
import { join } from 'node:path';
import { REPO_ROOT, toolEnv } from './env.js';

const BINS: Record<string, string> = {
  'rejviz-builder': 'packages/builder/dist/bin/rejviz-builder.js',
  'rejviz-customize': 'packages/customize/dist/bin/rejviz-customize.js',
  'rejviz-sysprep': 'packages/customize/dist/bin/rejviz-sysprep.js',
  'rejviz-install': 'packages/install/dist/bin/rejviz-install.js',
  'rejviz-peek': 'packages/peek/dist/bin/rejviz-peek.js',
  'rejviz-up': 'packages/up/dist/bin/rejviz-up.js',
};

/** The script a bin runs, relative to the repository (package.json "bin"). */
export function binScript(bin: keyof typeof BINS | string): string {
  const script = BINS[bin];
  if (!script) throw new Error(`unknown bin ${bin}`);
  return script;
}

/** Runs a rejviz bin under `unshare -n` with the test tool environment. */
export async function rejviz(bin: keyof typeof BINS | string, args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Promise<RunResult> {
  const script = binScript(bin);
  return createRunner().run('unshare', ['-n', process.execPath, join(REPO_ROOT, script), ...args], {
    env: { ...(await toolEnv()), ...opts.env }, cwd: opts.cwd, input: opts.input, allowFailure: true,
  });
}
