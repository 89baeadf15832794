// Human and JSON renderings of a build plan (--dry-run) and of the result.
import { octalMode, type ImageManifest, type ManifestNic } from '@rejviz/core';
import type { BuilderPlan } from './plan.js';

type Build = Extract<BuilderPlan, { kind: 'build' }>;

function nicLine(n: ManifestNic): string {
  const addr = n.addresses.length > 0 ? n.addresses.join(' ') : n.bootproto;
  const gw = [n.gateway, n.gateway6].filter(Boolean).map((g) => `via ${g}`).join(' ');
  return `${n.name} ${n.mac} ${addr}${gw ? ` ${gw}` : ''}`;
}

/** The --dry-run report for humans. */
export function dryRunText(plan: Build): string {
  const lines = ['virt-builder command (not run):', `  ${plan.command}`];
  if (plan.guest.files.length > 0) {
    lines.push('guest files:');
    for (const f of plan.guest.files) {
      lines.push(`  ${f.path}  mode ${octalMode(f.mode)}  owner ${f.owner}:${f.owner}  (from ${f.origin})`);
      lines.push(...f.content.replace(/\n$/, '').split('\n').map((l) => `    | ${l}`));
    }
  }
  if (plan.guest.nics.length > 0) lines.push('nics:', ...plan.guest.nics.map((n) => `  ${nicLine(n)}`));
  return `${lines.join('\n')}\n`;
}

/** The --dry-run --json document: {command, files, nics}. */
export function dryRunJson(plan: Build): string {
  const files = plan.guest.files.map((f) => ({ path: f.path, mode: octalMode(f.mode), owner: f.owner, uid: f.uid, gid: f.gid, content: f.content, origin: f.origin }));
  return `${JSON.stringify({ command: plan.command, files, nics: plan.guest.nics }, null, 2)}\n`;
}

/** What a successful build prints for humans. */
export function resultText(m: ImageManifest): string {
  const lines = [`built ${m.image} (${m.format}) from ${m.template}${m.osinfo ? ` [${m.osinfo}]` : ''}`];
  if (m.nics.length > 0) lines.push(`nics (${m.nicFormat}):`, ...m.nics.map((n) => `  ${nicLine(n)}`));
  return `${lines.join('\n')}\n`;
}
