// Runs the rejviz bins as a user would (node + the built bin), offline, against the fixture
// repository; returns exit code and output instead of throwing.
import { createRunner, type RunResult } from '@rejviz/core';
import { join } from 'node:path';
import { REPO_ROOT, toolEnv } from './env.js';

const BINS: Record<string, string> = {
  'rejviz-builder': 'packages/builder/dist/src/bin.js',
  'rejviz-customize': 'packages/customize/dist/src/bin-customize.js',
  'rejviz-sysprep': 'packages/customize/dist/src/bin-sysprep.js',
  'rejviz-install': 'packages/install/dist/src/bin.js',
  'rejviz-peek': 'packages/peek/dist/src/bin.js',
};

/** Runs a rejviz bin under `unshare -n` with the test tool environment. */
export async function rejviz(bin: keyof typeof BINS | string, args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Promise<RunResult> {
  const script = BINS[bin];
  if (!script) throw new Error(`unknown bin ${bin}`);
  return createRunner().run('unshare', ['-n', process.execPath, join(REPO_ROOT, script), ...args], {
    env: { ...(await toolEnv()), ...opts.env }, cwd: opts.cwd, input: opts.input, allowFailure: true,
  });
}
