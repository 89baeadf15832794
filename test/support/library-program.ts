// A test's program of @rejviz library calls, run as a node process of its own under unshare -n
// (no network; its own event loop, as a user's script would have): written into build/ so that
// @rejviz/* resolve, removed after; its last stdout line is the result, as JSON.
import { createRunner } from '@rejviz/core';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT, toolEnv } from './env.js';

/** Runs `program` with `args`; a non-zero exit is an error with its stderr. */
export async function runLibraryProgram<T>(name: string, program: string, args: readonly string[], env: Record<string, string> = {}): Promise<T> {
  const script = join(REPO_ROOT, 'build', `${name}-${process.pid}.mjs`);
  await writeFile(script, program);
  try {
    const res = await createRunner().run('unshare', ['-n', process.execPath, script, ...args], { cwd: REPO_ROOT, env: { ...(await toolEnv()), ...env }, allowFailure: true });
    if (res.exitCode !== 0) throw new Error(`${name} ${args[0] ?? ''} failed (${res.exitCode}):\n${res.stderr}`);
    return JSON.parse(res.stdout.trim().split('\n').pop()!) as T;
  } finally {
    await rm(script, { force: true });
  }
}
