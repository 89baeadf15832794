// Human and JSON renderings of a planned or finished rejviz-install run.
import type { InstallPlan } from '@rejviz/core';

function nicLines(plan: InstallPlan): string[] {
  return plan.nics.map((n) => `  ${n.guestName ?? '(extra)'} ${n.mac} -> ${n.network === null ? '(not a libvirt network)' : `network ${n.network}`} (${n.source})`);
}

/** The --dry-run report for humans. */
export function dryRunText(plan: InstallPlan, command: string, writer: string | null): string {
  const lines = ['virt-install command (not run):', `  ${command}`];
  if (plan.added.length > 0) lines.push('added by rejviz:', ...plan.added.map((a) => `  ${a.args.join(' ')}  (${a.origin}: ${a.why})`));
  lines.push(`image NICs (${plan.nicSource}):`, ...(plan.nics.length > 0 ? nicLines(plan) : ['  none']));
  if (plan.seed) {
    lines.push(`cloud-init seed: volume ${plan.seed.volume} in pool ${plan.seed.pool}, ISO 9660 label cidata, written with ${writer ?? '(no ISO writer installed: apt-get install genisoimage)'}`);
    for (const f of plan.seed.files) lines.push(`  ${f.name}:`, ...(f.shown ?? f.content).replace(/\n$/, '').split('\n').map((l) => `    | ${l}`));
  }
  return `${lines.join('\n')}\n`;
}

function seedJson(plan: InstallPlan) {
  return plan.seed && { pool: plan.seed.pool, volume: plan.seed.volume, files: plan.seed.files.map((f) => ({ name: f.name, content: f.shown ?? f.content })) };
}

/** The --json document: {domain, uri, nics, seed, command} (and what was added, under --dry-run). */
export function installJson(plan: InstallPlan, command: string, dryRun: boolean): string {
  const nics = plan.nics.map((n) => ({ mac: n.mac, network: n.network, guestName: n.guestName }));
  const doc = { domain: plan.domain, uri: plan.uri, nics, seed: seedJson(plan), command, ...(dryRun && { added: plan.added, nicSource: plan.nicSource }) };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** What a successful install prints for humans. */
export function resultText(plan: InstallPlan): string {
  const lines = [`installed domain ${plan.domain}${plan.uri ? ` on ${plan.uri}` : ''}`];
  if (plan.nics.length > 0) lines.push('nics:', ...nicLines(plan));
  if (plan.seed) lines.push(`cloud-init seed: ${plan.seed.pool}/${plan.seed.volume}`);
  return `${lines.join('\n')}\n`;
}
