// virt-builder from the offline repository, as tests run it: no network namespace, --no-network.
import { createRunner, type RunResult } from '@rejviz/core';
import { toolEnv } from './env.js';

/** Runs `unshare -n virt-builder ARGS` against the fixture repository. */
export async function virtBuilder(args: string[]): Promise<RunResult> {
  return createRunner().run('unshare', ['-n', 'virt-builder', ...args], { env: await toolEnv() });
}

/** Builds TEMPLATE into OUT (qcow2) with extra customize options, offline. */
export async function buildTemplate(template: string, out: string, extra: string[] = []): Promise<RunResult> {
  return virtBuilder([template, '-o', out, '--format', 'qcow2', '--no-network', ...extra]);
}
