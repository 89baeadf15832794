// What rejviz-peek does: resolve the target, read the guest in one read-only appliance launch
// (unless --no-guest), read an attached seed on the host, judge the NICs and print the report.
// Exit codes: 0 consistent, 1 inconsistent, 2 usage, 3 a tool failed.
import { guestSourceArgs, inspectGuestNics, quoteCommand, ToolError, UsageError, type GuestNicConfig } from '@rejviz/core';
import type { CommandContext } from '@rejviz/cli';
import { readPeekArgs } from './peek-args.js';
import { reportText } from './print-report.js';
import { buildReport } from './report.js';
import { readSeed, type SeedFiles } from './seed-files.js';
import { expectedNics, resolveTarget } from './target.js';
import { nicVerdicts } from './verdicts.js';

/** Exit status when a tool rejviz-peek needs failed (guestfish, virsh). */
export const TOOL_FAILED = 3;

async function seedConfigs(ctx: CommandContext, cdroms: readonly string[]): Promise<{ seed: SeedFiles; configs: GuestNicConfig[] }[]> {
  const out: { seed: SeedFiles; configs: GuestNicConfig[] }[] = [];
  for (const iso of cdroms) {
    const seed = await readSeed(ctx.runner, iso);
    if (!seed) continue;
    const { parseCloudInit } = await import('@rejviz/core/guest-config');
    const configs = seed.networkConfig === null ? [] : parseCloudInit({ path: `${iso}:/network-config`, content: seed.networkConfig });
    out.push({ seed, configs });
  }
  return out;
}

/** Runs a parsed rejviz-peek command line; returns the exit code. */
export async function execute(ctx: CommandContext): Promise<number> {
  const args = readPeekArgs(ctx.passthrough);
  const manifest = (ctx.options['--manifest'] as string | undefined) ?? null;
  const noGuest = ctx.options['--no-guest'] === true;
  if (noGuest && (args.domain === null || manifest !== null)) throw new UsageError("--no-guest reads only a domain's XML; give a DOMAIN");
  const target = await resolveTarget(args, manifest, ctx.runner, ctx.cwd, process.stdin);
  // --dry-run runs nothing that costs: the appliance launch and the seed reads are only shown.
  if (ctx.runner.dryRun && !noGuest) {
    const command = quoteCommand('guestfish', guestSourceArgs(target.source));
    if (ctx.options['--json']) ctx.stdout.write(`${JSON.stringify({ command, seeds: target.cdroms }, null, 2)}\n`);
    else {
      ctx.stdout.write(`guestfish command (not run; one read-only appliance launch):\n  ${command}\n`);
      for (const iso of target.cdroms) ctx.stdout.write(`seed read on the host if it is one (not run): ${iso}\n`);
    }
    return 0;
  }
  let guest = null;
  let seeds: Awaited<ReturnType<typeof seedConfigs>> = [];
  try {
    if (!noGuest) [guest, seeds] = await Promise.all([inspectGuestNics(ctx.runner, target.source, ctx.env), seedConfigs(ctx, target.cdroms)]);
  } catch (err) {
    if (!(err instanceof ToolError)) throw err;
    ctx.notice(`error: ${err.tool} failed with exit code ${err.exitCode}\n  command: ${err.command}${err.stderrTail ? `\n${err.stderrTail.replace(/^/gm, '  | ')}` : ''}`);
    return TOOL_FAILED;
  }
  const configs = [...(guest?.configs ?? []), ...seeds.flatMap((s) => s.configs)];
  const verdicts = guest === null ? nicVerdicts([], null).concat(domainOnly(target)) : nicVerdicts(configs, expectedNics(target));
  const report = buildReport(target, guest, seeds, verdicts);
  ctx.stdout.write(ctx.options['--json'] ? `${JSON.stringify(report, null, 2)}\n` : reportText(report));
  return report.consistent ? 0 : 1;
}

// Under --no-guest only the domain's own NICs can be judged: every NIC needs its own MAC.
function domainOnly(target: Awaited<ReturnType<typeof resolveTarget>>) {
  return nicVerdicts([], expectedNics(target)).filter((v) => v.kind === 'duplicate-mac');
}
