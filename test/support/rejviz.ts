// Runs the rejviz bins as a user would (node + the linked bin of package.json "bin"), offline, against the fixture
// repository; returns exit code and output instead of throwing.
import { createRunner, type RunResult } from '@rejviz/core';
import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

/**
 * Runs a rejviz bin in this host's network namespace, for a run that must reach a guest's port
 * forwarded on 127.0.0.1 (rejviz-up waiting for ssh): qemu listens in the host's namespace, which
 * `unshare -n` would hide. The tools that may use a network still run under `unshare -n`:
 * virt-builder, virt-customize and virt-sysprep are found first on PATH as wrappers that exec the
 * real tool there (README: network safety).
 */
export async function rejvizHostNet(bin: keyof typeof BINS | string, args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Promise<RunResult> {
  const shims = await networklessToolShims();
  const script = binScript(bin);
  const env = { ...(await toolEnv()), ...opts.env };
  return createRunner().run(process.execPath, [join(REPO_ROOT, script), ...args], {
    env: { ...env, PATH: `${shims}:${env.PATH ?? process.env.PATH ?? '/usr/bin:/bin'}` }, cwd: opts.cwd, input: opts.input, allowFailure: true,
  });
}

let shimDir: Promise<string> | undefined;
function networklessToolShims(): Promise<string> {
  shimDir ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rjv-netless-'));
    // Gone with the test process (ava's worker exits once its file is done).
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    for (const tool of ['virt-builder', 'virt-customize', 'virt-sysprep']) {
      await writeFile(join(dir, tool), `#!/bin/sh\nexec unshare -n /usr/bin/${tool} "$@"\n`, { mode: 0o755 });
    }
    return dir;
  })();
  return shimDir;
}
