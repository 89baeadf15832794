// What rejviz-peek does: argv becomes a peek request; the library resolves the target, reads the
// guest in one read-only appliance launch (unless --no-guest), reads an attached seed on the host
// and judges the NICs; the bin prints the report. Exit codes: 0 consistent, 1 inconsistent,
// 2 usage, 3 a tool failed.
import { readImageManifest, ToolError } from '@rejviz/core';
import { errorReport, errorText, type CommandContext } from '@rejviz/cli';
import { readPeekArgs } from './peek-args.js';
import { peek, peekCommands } from './peek.js';
import { reportText } from './print-report.js';
import type { PeekRequest } from './request.js';

/** Exit status when a tool rejviz-peek needs failed (guestfish, virsh). */
export const TOOL_FAILED = 3;

function requestFrom(ctx: CommandContext): PeekRequest {
  const args = readPeekArgs(ctx.passthrough);
  const file = ctx.options['--manifest'];
  const manifest = typeof file === 'string' ? readImageManifest(file, ctx.cwd, process.stdin) : null;
  manifest?.catch(() => undefined); // awaited when the target is resolved
  return {
    ...(args.domain !== null && { domain: args.domain }), uri: args.uri, images: args.images,
    ...(manifest && { manifest, manifestName: file as string }), noGuest: ctx.options['--no-guest'] === true,
  };
}

/** Runs a parsed rejviz-peek command line; returns the exit code. */
export async function execute(ctx: CommandContext): Promise<number> {
  const request = requestFrom(ctx);
  // --dry-run runs nothing that costs: the appliance launch and the seed reads are only shown.
  if (ctx.runner.dryRun) {
    const plan = await peekCommands(request, ctx.services);
    if (plan !== null) {
      if (ctx.options['--json']) ctx.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
      else {
        ctx.stdout.write(`guestfish command (not run; one read-only appliance launch):\n  ${plan.command}\n`);
        for (const iso of plan.seeds) ctx.stdout.write(`seed read on the host if it is one (not run): ${iso}\n`);
      }
      return 0;
    }
  }
  let report;
  try {
    report = await peek(request, ctx.services);
  } catch (err) {
    if (!(err instanceof ToolError)) throw err;
    // rejviz-peek's own code for a failed tool, in the form every error takes (--json: one JSON line).
    ctx.stderr.write(errorText({ ...errorReport(ctx.binaryName, err), exitCode: TOOL_FAILED }, err, ctx.options['--json'] === true));
    return TOOL_FAILED;
  }
  ctx.stdout.write(ctx.options['--json'] ? `${JSON.stringify(report, null, 2)}\n` : reportText(report));
  return report.consistent ? 0 : 1;
}
