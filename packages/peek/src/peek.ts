// rejviz-peek as a library call: what is inside an image or a domain and whether its NIC
// configuration matches the domain's (or manifest's) NICs, as data: the report the bin prints
// (docs/api.md). No argv, no child rejviz process; one read-only appliance launch at most.
import { createServices, guestSourceArgs, inspectGuestNics, quoteCommand, UsageError, type GuestNicConfig, type Runner, type Services } from '@rejviz/core';
import { macMatchPlugin } from '@rejviz/plugin-mac-match/plugin';
import { nicPlugin } from '@rejviz/plugin-nic/plugin';
import { buildReport, type PeekReport } from './report.js';
import type { PeekRequest } from './request.js';
import { readSeed, type SeedFiles } from './seed-files.js';
import { expectedNics, resolveTarget } from './target.js';

/** The plugins rejviz-peek has built in: MAC verdicts (plugin-mac-match), the guest's format (plugin-nic). */
export function peekPlugins() {
  return [macMatchPlugin(), nicPlugin()];
}

async function seedConfigs(runner: Runner, cdroms: readonly string[]): Promise<{ seed: SeedFiles; configs: GuestNicConfig[] }[]> {
  const out: { seed: SeedFiles; configs: GuestNicConfig[] }[] = [];
  for (const iso of cdroms) {
    const seed = await readSeed(runner, iso);
    if (!seed) continue;
    const { parseCloudInit } = await import('@rejviz/core/guest-config');
    const configs = seed.networkConfig === null ? [] : parseCloudInit({ path: `${iso}:/network-config`, content: seed.networkConfig });
    out.push({ seed, configs });
  }
  return out;
}

function checkRequest(request: PeekRequest): void {
  if (request.noGuest && (request.domain === undefined || (request.manifest !== undefined && request.manifest !== null))) {
    throw new UsageError("--no-guest reads only a domain's XML; give a DOMAIN");
  }
}

/** What the guest holds and how its NICs compare; a tool that fails throws its ToolError. */
export async function peek(request: PeekRequest, services?: Services): Promise<PeekReport> {
  const s = services ?? (await createServices({ plugins: peekPlugins() }));
  checkRequest(request);
  const target = await resolveTarget(request, s.runner, s.cwd);
  const [guest, seeds] = request.noGuest ? [null, []] : await Promise.all([inspectGuestNics(s.runner, target.source, s.env), seedConfigs(s.runner, target.cdroms)]);
  const configs = [...(guest?.configs ?? []), ...seeds.flatMap((x) => x.configs)];
  // The judgements come from the plugins (hooks.ts: judgeGuest, describeNetwork), not from here.
  const findings = { configs, expected: expectedNics(target), guestRead: guest !== null, facts: guest?.facts ?? null };
  const verdicts = await s.hooks.judgeGuest.promise([], findings);
  const network = guest === null ? null : await s.hooks.describeNetwork.promise(null, guest.facts);
  return buildReport(target, guest, seeds, verdicts, network);
}

/** What peek would run (--dry-run): the guestfish command, and the cdroms it would read as seeds. */
export async function peekCommands(request: PeekRequest, services: Services): Promise<{ command: string; seeds: string[] } | null> {
  checkRequest(request);
  const target = await resolveTarget(request, services.runner, services.cwd);
  return request.noGuest ? null : { command: quoteCommand('guestfish', guestSourceArgs(target.source)), seeds: target.cdroms };
}
