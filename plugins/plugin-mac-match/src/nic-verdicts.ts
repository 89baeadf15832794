// Whether the network configuration inside a guest agrees with the NICs of the domain it runs in
// (or the NICs a manifest promises), matched by MAC: plugin-mac-match's verdicts for rejviz-peek
// (the judgeGuest hook). Pure: rejviz-peek reads both sides.
import type { ExpectedNic, GuestFindings, GuestNicConfig, Verdict } from '@rejviz/core';

/** The kinds of verdict given here. */
export type VerdictKind =
  | 'ok'
  | 'config-for-unknown-mac'
  | 'nic-without-config'
  | 'mac-changed'
  | 'bound-by-name'
  | 'matches-any'
  | 'duplicate-mac';

// .link files and udev rules only name NICs; the others configure them.
const NAMING_ONLY = new Set(['networkd-link', 'udev']);

function where(config: GuestNicConfig): string {
  return `${config.file} (${config.format})`;
}

/** Interface name -> MAC, from configs that state both (set-name, .link, udev, DEVICE+HWADDR). */
function nameTies(configs: readonly GuestNicConfig[]): Map<string, string> {
  const ties = new Map<string, string>();
  for (const c of configs) if (c.mac !== null && c.name !== null && !c.nameIsGlob && !ties.has(c.name)) ties.set(c.name, c.mac);
  return ties;
}

/** The verdicts, in this order: per guest config, per expected NIC, duplicates. */
export function nicVerdicts(configs: readonly GuestNicConfig[], expected: readonly ExpectedNic[] | null): Verdict[] {
  const verdicts: Verdict[] = [];
  const configuring = configs.filter((c) => !NAMING_ONLY.has(c.format) && (c.mac !== null || c.name !== null || c.bootproto !== null || c.addresses.length > 0));
  const ties = nameTies(configs);
  const expectedMacs = new Set((expected ?? []).flatMap((n) => (n.mac === null ? [] : [n.mac])));
  const covered = new Set<string>();
  const strays: { config: GuestNicConfig; mac: string }[] = [];
  for (const c of configuring) {
    const tied = c.mac ?? (c.name !== null && !c.nameIsGlob ? ties.get(c.name) ?? null : null);
    const label = `${c.name ?? c.mac ?? 'a NIC'}: ${where(c)}`;
    if (c.mac === null && tied === null) {
      if (c.name === null || c.nameIsGlob) {
        verdicts.push({ level: 'warning', kind: 'matches-any', mac: null, name: c.name, message: `${where(c)} applies to ${c.name === null ? 'any NIC' : `every NIC matching ${c.name}`}, not to one MAC` });
      } else {
        verdicts.push({ level: 'warning', kind: 'bound-by-name', mac: null, name: c.name, message: `${label} is bound by name only: which NIC gets it depends on the guest's NIC naming; bind it to a MAC` });
      }
      continue;
    }
    const mac = tied as string;
    const how = c.mac === null ? ` (by name ${c.name}, which the guest ties to ${mac})` : '';
    if (expected === null) {
      verdicts.push({ level: 'ok', kind: 'ok', mac, name: c.name, message: `${label} is for MAC ${mac}${how}` });
    } else if (expectedMacs.has(mac)) {
      covered.add(mac);
      verdicts.push({ level: 'ok', kind: 'ok', mac, name: c.name, message: `${label} is for MAC ${mac}${how}, which the domain has` });
    } else {
      strays.push({ config: c, mac });
      verdicts.push({ level: 'error', kind: 'config-for-unknown-mac', mac, name: c.name, message: `${label} is for MAC ${mac}${how}, which no NIC of the domain has` });
    }
  }
  let result = verdicts;
  if (expected !== null) {
    const missing = missingConfigs(expected, covered, configuring, strays, ties);
    // A stray config paired with a NIC is reported once, as the changed MAC.
    const paired = new Set(missing.filter((v) => v.kind === 'mac-changed').map((v) => v.strayMac));
    result = [...verdicts.filter((v) => !(v.kind === 'config-for-unknown-mac' && paired.has(v.mac))), ...missing.map(({ strayMac: _, ...v }) => v)];
  }
  return [...result, ...duplicates(configuring, expected)];
}

function missingConfigs(expected: readonly ExpectedNic[], covered: Set<string>, configuring: readonly GuestNicConfig[], strays: { config: GuestNicConfig; mac: string }[], ties: Map<string, string>): (Verdict & { strayMac?: string | null })[] {
  const out: (Verdict & { strayMac?: string | null })[] = [];
  const byName = configuring.filter((c) => c.mac === null && c.name !== null && !c.nameIsGlob && !ties.has(c.name));
  const anyNic = configuring.some((c) => c.mac === null && (c.name === null || c.nameIsGlob));
  const unmatched = expected.filter((n) => n.mac !== null && !covered.has(n.mac));
  // A MAC changed after the build shows as a stray config and an uncovered NIC: pair them in
  // order, so the message names the guest NIC and both MACs.
  const pairable = [...new Map(strays.map((s) => [s.mac, s])).values()];
  unmatched.forEach((nic, index) => {
    const stray = pairable[index];
    if (stray) {
      const c = stray.config;
      out.push({
        level: 'error', kind: 'mac-changed', mac: nic.mac, name: c.name, strayMac: stray.mac,
        message: `${c.name ?? 'NIC'}: the guest config ${where(c)} is for MAC ${stray.mac}, but ${nic.label} has MAC ${nic.mac}; rebuild the image for ${nic.mac} or give the NIC mac=${stray.mac}`,
      });
    } else if (byName.length > 0 || anyNic) {
      out.push({ level: 'warning', kind: 'bound-by-name', mac: nic.mac, name: null, message: `${nic.label} (MAC ${nic.mac}) has no config bound to its MAC; it may get a by-name config, depending on naming` });
    } else {
      out.push({ level: 'error', kind: 'nic-without-config', mac: nic.mac, name: null, message: `${nic.label} (MAC ${nic.mac}) has no guest config: the guest leaves it unconfigured` });
    }
  });
  return out;
}

function duplicates(configuring: readonly GuestNicConfig[], expected: readonly ExpectedNic[] | null): Verdict[] {
  const out: Verdict[] = [];
  const seen = new Map<string, number>();
  for (const nic of expected ?? []) if (nic.mac !== null) seen.set(nic.mac, (seen.get(nic.mac) ?? 0) + 1);
  for (const [mac, count] of seen) {
    if (count > 1) out.push({ level: 'error', kind: 'duplicate-mac', mac, name: null, message: `MAC ${mac} is on ${count} NICs of the domain; every NIC needs its own MAC` });
  }
  // Two configs of one format for one MAC: the stack applies one of them, and which is not obvious.
  const byFormatMac = new Map<string, GuestNicConfig[]>();
  for (const c of configuring) {
    if (c.mac === null) continue;
    const key = `${c.format} ${c.mac}`;
    byFormatMac.set(key, [...(byFormatMac.get(key) ?? []), c]);
  }
  for (const list of byFormatMac.values()) {
    if (list.length < 2) continue;
    const first = list[0] as GuestNicConfig;
    out.push({ level: 'error', kind: 'duplicate-mac', mac: first.mac, name: first.name, message: `MAC ${first.mac} has ${list.length} ${first.format} configs (${list.map((c) => c.file).join(', ')}); keep one` });
  }
  return out;
}

/** The judgeGuest tap's verdicts: all of the above, or (only the domain's XML read) its duplicate MACs. */
export function findingsVerdicts(findings: GuestFindings): Verdict[] {
  if (findings.guestRead) return nicVerdicts(findings.configs, findings.expected);
  return nicVerdicts([], findings.expected).filter((v) => v.kind === 'duplicate-mac');
}
