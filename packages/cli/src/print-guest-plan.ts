// Human and JSON renderings of a planned guest-tool run, shared by rejviz-builder,
// rejviz-customize and rejviz-sysprep: the exact command, every file, the NICs.
import { octalMode, type GuestPlan, type ManifestNic } from '@rejviz/core';

/** One line per NIC: "eth1 52:54:00:.. 198.51.100.15/24 via 198.51.100.1". */
export function nicLine(n: ManifestNic): string {
  const addr = n.addresses.length > 0 ? n.addresses.map((a) => `${a.address}/${a.prefix}`).join(' ') : n.bootproto;
  // "via" names the NIC's default routes; with defroute=no it has none, its gateways notwithstanding.
  const gw = (n.defroute === false ? [] : [n.gateway, n.gateway6]).filter(Boolean).map((g) => `via ${g}`).join(' ');
  return `${n.name} ${n.mac} ${addr}${gw ? ` ${gw}` : ''}`;
}

/** The --dry-run report for humans. */
export function dryRunText(tool: string, command: string, guest: GuestPlan): string {
  const lines = [`${tool} command (not run):`, `  ${command}`];
  if (guest.files.length > 0) {
    lines.push('guest files:');
    for (const f of guest.files) {
      lines.push(`  ${f.path}  mode ${octalMode(f.mode)}  owner ${f.owner}:${f.owner}  (from ${f.origin})`);
      lines.push(...f.content.replace(/\n$/, '').split('\n').map((l) => `    | ${l}`));
    }
  }
  if (guest.nics.length > 0) lines.push(`nics (${guest.nicFormat}):`, ...guest.nics.map((n) => `  ${nicLine(n)}`));
  return `${lines.join('\n')}\n`;
}

/** The --dry-run --json document: {command, files, nics, nicFormat}. */
export function dryRunJson(command: string, guest: GuestPlan, extra: Record<string, unknown> = {}): string {
  const files = guest.files.map((f) => ({ path: f.path, mode: octalMode(f.mode), owner: f.owner, uid: f.uid, gid: f.gid, content: f.content, origin: f.origin }));
  return `${JSON.stringify({ command, files, nics: guest.nics, nicFormat: guest.nicFormat, ...extra }, null, 2)}\n`;
}
