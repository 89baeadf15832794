// What the library's commands need from the world: the hooks (with the plugins applied), the one
// runner, the environment and the working directory, and where one-line notices go. A bin builds
// them from its argv (packages/cli); a script builds them with createServices and calls the
// commands' library functions (build, customize, sysprep, install, peek) without any argv.
import { createRunner, type Runner } from './exec.js';
import { createHooks, type Hooks } from './hooks.js';
import type { Plugin } from './plugin.js';

export interface Services {
  hooks: Hooks;
  runner: Runner;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The plugins applied to `hooks` (their options are what requests may carry). */
  plugins: readonly Plugin[];
  /** A one-line notice or warning for the user (a bin prints it on stderr, prefixed with its name). */
  notice(text: string): void;
}

export interface ServiceOptions {
  plugins?: readonly Plugin[];
  /** Record commands instead of running those that change anything (--dry-run). */
  dryRun?: boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Called with each command before it runs (--verbose). */
  log?(command: string): void;
  notice?(text: string): void;
}

/** Fresh hooks with `plugins` applied, and a runner whose tools get `env`; defaults: this process's env and cwd. */
export async function createServices(options: ServiceOptions = {}): Promise<Services> {
  const hooks = await createHooks();
  const plugins = options.plugins ?? [];
  for (const p of plugins) p.apply(hooks);
  return {
    hooks,
    // The tools run with the environment the caller gave (over this process's), so that a library
    // call with { env } sees the same templates, caches and config the tools do.
    runner: createRunner({ dryRun: options.dryRun ?? false, ...(options.log && { log: options.log }), ...(options.env && { env: options.env }) }),
    env: options.env ?? process.env,
    cwd: options.cwd ?? process.cwd(),
    plugins,
    notice: options.notice ?? ((text) => void process.stderr.write(`rejviz: ${text}\n`)),
  };
}
