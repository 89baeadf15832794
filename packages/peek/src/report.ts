// The peek report: what rejviz-peek found, as printed by --json (schema:
// packages/peek/schemas/peek-report.schema.json) and rendered for humans by print-report.ts.
import type { GuestNics, GuestNicConfig, NetworkDescription, Verdict } from '@rejviz/core';
import type { SeedFiles } from './seed-files.js';
import type { PeekTarget } from './target.js';

/** A guest config as the report shows it: each address as ADDRESS/PREFIX, or bare when the file gives no prefix. */
export type ReportedConfig = Omit<GuestNicConfig, 'addresses'> & { addresses: string[] };

function reported(c: GuestNicConfig): ReportedConfig {
  return { ...c, addresses: c.addresses.map((a) => (a.prefix === null ? a.address : `${a.address}/${a.prefix}`)) };
}

export interface PeekReport {
  target: { kind: PeekTarget['kind']; name: string; uri: string | null; state: string | null };
  os: { type: string; distro: string; version: string; arch: string; osinfo: string; hostname: string } | null;
  network: NetworkDescription | null;
  configs: ReportedConfig[];
  seeds: { path: string; configs: ReportedConfig[] }[];
  domainNics: { mac: string | null; type: string; source: string | null; model: string | null }[] | null;
  verdicts: Verdict[];
  notes: string[];
  consistent: boolean;
}

/** Assembles the report; `guest` is null under --no-guest; `network` and `verdicts` come from the hooks. */
export function buildReport(target: PeekTarget, guest: GuestNics | null, seeds: { seed: SeedFiles; configs: GuestNicConfig[] }[], verdicts: Verdict[], network: NetworkDescription | null): PeekReport {
  const os = guest?.facts.os ?? null;
  const configs = (guest?.configs ?? []).filter((c) => c.mac !== null || c.name !== null || c.bootproto !== null || c.addresses.length > 0);
  const notes = [...(guest?.configs ?? []).flatMap((c) => c.notes), ...seeds.flatMap((s) => s.configs.flatMap((c) => c.notes))];
  return {
    target: { kind: target.kind, name: target.name, uri: target.uri, state: target.state },
    os: os && { type: os.type, distro: os.distro, version: `${os.major}.${os.minor}`, arch: os.arch, osinfo: os.osinfo, hostname: os.hostname },
    network,
    configs: configs.map(reported),
    seeds: seeds.map((s) => ({ path: s.seed.path, configs: s.configs.map(reported) })),
    domainNics: target.domainNics,
    verdicts,
    notes: [...new Set(notes)],
    consistent: !verdicts.some((v) => v.level === 'error'),
  };
}
