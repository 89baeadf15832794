// A PlanContext for tests: options record, a runner (real, dry-run or scripted), a fixed guest
// osinfo and collected warnings; plus helpers to run the plugin through core's hooks.
import { rm } from 'node:fs/promises';
import type { ExecutionContext } from 'ava';
import { createHooks, createRunner, emptyGuestPlan, renderOp, type GuestPlan, type GuestTool, type PlanContext, type Runner, type RunResult } from '@rejviz/core';
import { rhsmPlugin } from '../src/index.js';

export const PASSWORD = `pa$$ w'o"rd\`x\``;
export const KEY = 'ak-TOPSECRET-7f3a';

export interface Fake {
  ctx: PlanContext;
  warnings: string[];
  osinfoCalls: () => number;
}

export interface FakeOptions {
  dryRun?: boolean;
  osinfo?: string | null;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  runner?: Runner;
}

/** A PlanContext with the given option values. */
export function fakeContext(options: Record<string, unknown>, o: FakeOptions = {}): Fake {
  const warnings: string[] = [];
  let calls = 0;
  const ctx: PlanContext = {
    command: 'customize',
    options,
    runner: o.runner ?? createRunner({ dryRun: o.dryRun ?? false }),
    env: o.env ?? {},
    cwd: o.cwd ?? process.cwd(),
    guestOsinfo: async () => {
      calls++;
      return o.osinfo === undefined ? 'rhel9.4' : o.osinfo;
    },
    warn: (text) => warnings.push(text),
  };
  return { ctx, warnings, osinfoCalls: () => calls };
}

/** Runs the plugin through core's planGuest hook; the plan's cleanup is deleted after the test. */
export async function planWith(t: ExecutionContext, fake: Fake, version: string, tool: GuestTool = 'virt-customize'): Promise<GuestPlan> {
  const hooks = await createHooks();
  rhsmPlugin({ toolVersion: async () => version }).apply(hooks);
  const plan = await hooks.planGuest.promise(emptyGuestPlan(tool, null), fake.ctx);
  t.teardown(() => Promise.all(plan.cleanup.map((p) => rm(p, { recursive: true, force: true }))).then(() => undefined));
  return plan;
}

/** Every op's argv, as the wrapped tool would get it. */
export function argvOf(plan: GuestPlan): string[] {
  return plan.ops.flatMap(renderOp);
}

/** Asserts a secret appears nowhere a user or another process could see it. */
export function assertNoSecret(t: ExecutionContext, plan: GuestPlan, fake: Fake, secrets: readonly string[] = [PASSWORD, KEY]): void {
  const visible = [...argvOf(plan), JSON.stringify(plan), ...fake.warnings, ...fake.ctx.runner.history.map((r) => r.command)].join('\n');
  for (const s of secrets) t.false(visible.includes(s), `secret found in: ${visible}`);
}

/** A runner that answers `TOOL --version` and `TOOL --help` like the given guestfs-tools version. */
export function scriptedRunner(version: string): Runner {
  const history: RunResult[] = [];
  return {
    dryRun: false,
    history,
    async run(file, args) {
      const stdout = args[0] === '--version' ? `${file} ${version}\n` : args[0] === '--help' ? '  --run <SCRIPT>   Run script\n' : '';
      const result: RunResult = { command: [file, ...args].join(' '), exitCode: 0, stdout, stderr: '', durationMs: 0, skipped: false };
      history.push(result);
      return result;
    },
  };
}
