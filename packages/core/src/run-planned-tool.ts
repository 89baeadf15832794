// A planned wrapped-tool run, the same for every command: the beforeTool hook, the tool-start
// checkpoint, the tool itself (its progress on stderr, its exit code passed through as a
// ToolError), the afterTool hook; the plan's private files are removed as soon as the tool has
// run, however it ended.
import { rm } from 'node:fs/promises';
import type { RunResult } from './exec.js';
import { checkpoint } from './failpoint.js';
import type { PlanContext } from './hooks.js';
import type { Services } from './services.js';

/** Runs `tool` with `args` between the hooks; removes `removeAfter` (paths) when it ends. */
export async function runPlannedTool(services: Services, context: PlanContext, tool: string, args: readonly string[], removeAfter: readonly string[] = []): Promise<RunResult> {
  const call = { tool, args };
  try {
    await services.hooks.beforeTool.promise(call, context);
    await checkpoint('tool-start', services.env);
    // Progress to stderr (stream: true), so stdout carries only a --json document.
    const result = await services.runner.run(tool, args, { stream: true });
    await services.hooks.afterTool.promise(call, result, context);
    return result;
  } finally {
    await Promise.all(removeAfter.map((p) => rm(p, { recursive: true, force: true })));
  }
}
