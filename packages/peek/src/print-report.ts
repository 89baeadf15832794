// The peek report for humans: one section per kind of fact, then the verdicts.
import type { PeekReport, ReportedConfig } from './report.js';

function configLine(c: ReportedConfig): string {
  const binds = [c.mac && `mac ${c.mac}`, c.name && `${c.nameIsGlob ? 'names matching' : 'name'} ${c.name}`].filter(Boolean).join(', ') || 'any NIC';
  const addr = c.addresses.length > 0 ? c.addresses.join(' ') : (c.bootproto ?? 'no address');
  const gw = [c.gateway, c.gateway6].filter(Boolean).map((g) => ` via ${g}`).join('');
  return `  ${c.file} [${c.format}] binds ${binds}: ${addr}${gw}`;
}

const MARK = { ok: 'ok     ', warning: 'warning', error: 'ERROR  ' } as const;

/** The report as text. */
export function reportText(r: PeekReport): string {
  const lines = [`${r.target.kind} ${r.target.name}${r.target.uri ? ` on ${r.target.uri}` : ''}${r.target.state ? ` (${r.target.state})` : ''}`];
  if (r.os) lines.push(`os: ${r.os.distro} ${r.os.version} ${r.os.arch} (osinfo ${r.os.osinfo}), hostname ${r.os.hostname}`);
  if (r.network) lines.push(`network stacks: ${r.network.stacks}`, `reads: ${r.network.format ?? 'unknown'} (${r.network.why})`);
  if (r.os) lines.push('guest NIC configuration:', ...(r.configs.length > 0 ? r.configs.map(configLine) : ['  none found']));
  for (const seed of r.seeds) lines.push(`NoCloud seed ${seed.path}:`, ...(seed.configs.length > 0 ? seed.configs.map(configLine) : ['  no network-config']));
  if (r.domainNics) {
    lines.push('domain NICs:', ...(r.domainNics.length > 0 ? r.domainNics.map((n, i) => `  #${i + 1} ${n.mac ?? '(no mac)'} ${n.type}${n.source ? ` ${n.source}` : ''}${n.model ? ` model ${n.model}` : ''}`) : ['  none']));
  }
  if (r.notes.length > 0) lines.push('notes:', ...r.notes.map((n) => `  ${n}`));
  if (r.verdicts.length > 0) lines.push('verdicts:', ...r.verdicts.map((v) => `  ${MARK[v.level]} ${v.message}`));
  lines.push(r.consistent ? 'consistent' : 'INCONSISTENT');
  return `${lines.join('\n')}\n`;
}
