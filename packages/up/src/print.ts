// rejviz-up's text output: the plan (what changes and why) and the status table.
import type { MachineStatus } from './lifecycle/lab-status.js';
import type { LabSummary } from './lifecycle/list-labs.js';
import type { TemplateImage } from './images/template-images.js';
import type { LabSnapshot } from './lifecycle/lab-snapshots.js';
import type { PowerAction, PowerResult } from './lifecycle/power-lab.js';
import type { LabPlan } from './plan/plan-lab.js';
import type { TemplateImageInfo } from './images/known-image.js';
import type { CloudImage } from './images/cloud-images.js';
import type { PulledCloudImage } from './images/pull-cloud-image.js';
import type { CatalogueItem } from './images/catalogue-listing.js';
import type { PrunedItem } from './images/prune-images.js';

/** The plan, one line per template and machine; `done`: said in the past tense. */
export function planText(plan: LabPlan, done = false, source = 'the file says'): string {
  const template = (t: LabPlan['templates'][number]) => `  template ${t.name}: ${t.action} (${t.reason})${t.image ? `, ${imageText(t.image)}` : ''}${t.playbooks ? `, ${done ? 'ran' : 'then runs'} its playbooks before sysprep: ${t.playbooks.join(', ')}` : ''}`;
  const machine = (m: LabPlan['machines'][number]) => `  ${m.domain}: ${m.action} (${m.reasons.join('; ')})`;
  // Nothing to do still says which machines are kept on an older (or unknown) base, and why.
  const noted = (m: LabPlan['machines'][number]) => m.action === 'keep' && m.reasons.join() !== 'as the file says';
  const lines = plan.changes === 0 ? [`lab ${plan.lab} is up as ${source}: nothing to do`, ...plan.templates.filter((t) => t.action === 'skip').map(template), ...plan.machines.filter(noted).map(machine)] : [
    `lab ${plan.lab}: ${plan.changes} change(s)${done ? ' made' : ' planned'}`,
    ...plan.templates.map(template),
    ...plan.machines.map(machine),
  ];
  if (plan.playbooks) lines.push(`  playbooks ${playbooksWhen(plan, done)}: ${plan.playbooks.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** A cloud image as a plan line shows it: source, URL, and its digest or when it will be known. */
function imageText(i: TemplateImageInfo): string {
  const url = i.url === i.source ? '' : ` (${i.url})`;
  if (i.digest === null) return `from image ${i.source}${url}, digest known after the pull`;
  const how = { pulled: 'verified', checksum: 'pinned by checksum', cache: 'from the image cache', 'after-pull': '' }[i.known];
  return `from image ${i.source}${url}, ${i.digest.slice(0, 19)}… (${how}${i.level && i.known !== 'checksum' ? `, ${i.level}` : ''})`;
}

// The lab's playbooks run after a run that creates (or re-creates) a machine, and on provision.
function playbooksWhen(plan: LabPlan, done: boolean): string {
  const creates = plan.machines.some((m) => m.action === 'create' || m.action === 'replace');
  if (!creates) return 'not run (no machine is created; rejviz-up provision runs them)';
  return done ? 'ran' : 'to run once the machines are created';
}

/** Columns padded to their widest cell (the last one is not padded). */
function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return `${[line(head), ...rows.map(line)].join('\n')}\n`;
}

/** A table of the lab's machines; each NIC's addresses with how they were learned, or `- (why)`. */
export function statusText(lab: string, machines: readonly MachineStatus[]): string {
  if (machines.length === 0) return `lab ${lab} has no machines on this connection\n`;
  const nic = (n: MachineStatus['nics'][number]) => (n.addresses.length === 0 ? `- (${n.why ?? 'unknown'})` : `${n.addresses.map((a) => a.address).join(' ')} (${n.source})`);
  const management = (m: MachineStatus) => (m.management ? [`ssh ${m.management.host}:${m.management.port} (management)`] : []);
  // A cloud image template says which image and how far it was verified ("unverified" plainly).
  const template = (m: MachineStatus) => `${m.template ?? '-'}${m.templateSource?.kind === 'image' ? ` (image ${m.templateSource.source}, ${m.templateSource.level})` : ''}`;
  return table(['MACHINE', 'STATE', 'TEMPLATE', 'AGE', 'ADDRESSES'], machines.map((m) => [m.machine, m.state, template(m), age(m.ageSeconds), [...m.nics.map(nic), ...management(m)].join(', ') || '-']));
}

/** An age the way ps and docker print it: 45s, 12m, 3h, 2d. */
export function age(seconds: number | null): string {
  if (seconds === null) return '-';
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

const HOW: Record<PowerResult['how'], string> = {
  shutdown: 'shut down', forced: 'stopped hard after the timeout', started: 'started', resumed: 'resumed', rebooted: 'rebooted', none: 'nothing to do',
};

/** What down, start or reboot did to each machine. */
export function powerText(lab: string, action: PowerAction, results: readonly PowerResult[]): string {
  if (results.length === 0) return `lab ${lab} has no machines on this connection: nothing to ${action === 'down' ? 'shut down' : action}\n`;
  return table(['MACHINE', 'BEFORE', 'NOW', 'DONE'], results.map((r) => [r.machine, r.before, r.after, r.how === 'forced' && r.before !== 'running' ? 'stopped hard' : HOW[r.how]]));
}

/** Every lab on the connection, one line each. */
export function listText(labs: readonly LabSummary[]): string {
  if (labs.length === 0) return 'no labs on this connection or in this host\'s state\n';
  const states = (l: LabSummary) => {
    const counts = new Map<string, number>();
    for (const m of l.machines) counts.set(m.state, (counts.get(m.state) ?? 0) + 1);
    return [...counts].map(([state, n]) => `${n} ${state}`).join(', ') || '-';
  };
  return table(['LAB', 'MACHINES', 'STATES', 'STATE FILE'], labs.map((l) => [l.lab, String(l.machines.length), states(l), l.state ? 'yes' : 'no']));
}

function mib(bytes: number | null): string {
  return bytes === null ? '-' : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

/** The cached template images and what uses them. */
export function imagesText(images: readonly TemplateImage[]): string {
  if (images.length === 0) return 'no template images on this connection\n';
  return table(['POOL', 'IMAGE', 'SIZE', 'USERS'], images.map((i) => [i.pool, i.volume, mib(i.allocation), i.users.length === 0 ? 'none (rejviz-up images prune removes it)' : i.users.join(', ')]));
}

/** What images prune removed, or would remove. */
export function pruneText(removed: readonly PrunedItem[], dryRun: boolean): string {
  if (removed.length === 0) return 'every template image and cloud image is in use: nothing to remove\n';
  const what = (i: PrunedItem) =>
    i.kind === 'template' ? `${i.pool}/${i.volume} (${mib(i.allocation)})`
    : i.kind === 'cloud-image' ? `cloud image ${i.source} ${i.digest.slice(0, 19)}… (${mib(i.size)}, no cached template was built from it)`
    : `leftover of an interrupted pull ${i.path} (${mib(i.bytes)})`;
  const lines = removed.map((i) => `${dryRun ? 'would remove' : 'removed'} ${what(i)}`);
  return `${lines.join('\n')}\n${dryRun ? '(not run)\n' : ''}`;
}

/** The cloud images in the cache: source, digest, verification level, and the templates built from each. */
export function cloudImagesText(images: readonly CloudImage[]): string {
  if (images.length === 0) return 'no cloud images in the image cache\n';
  return table(['SOURCE', 'DIGEST', 'VERIFIED', 'SIZE', 'FETCHED', 'TEMPLATES', 'URL'], images.map((i) => [
    i.source, `${i.digest.slice(0, 19)}…`, i.verification.level, mib(i.size), i.fetchedAt.slice(0, 16).replace('T', ' '),
    i.templates.length === 0 ? 'none (rejviz-up images prune removes it)' : i.templates.join(', '), i.url,
  ]));
}

/** What images pull left in the image cache. */
export function pulledImageText(i: PulledCloudImage): string {
  const how = i.fromCache ? 'in the image cache already (checked)' : 'downloaded';
  return `${i.source}: ${i.digest.slice(0, 19)}… ${i.verification.level}${i.verification.signer ? ` by ${i.verification.signer}` : ''}, ${mib(i.size)}, ${how}; ${i.path}\n`;
}

/** The image catalogue: each key with its image, checksum file and signing key. */
export function catalogueText(items: readonly CatalogueItem[]): string {
  return items.map((i) => [
    `${i.key}: ${i.description} (osinfo ${i.osinfo})`,
    `  image     ${i.image ?? '(none for this architecture)'}`,
    ...(i.archive ? [`  archive   ${i.archive} (after a 404: the release's end of life)`] : []),
    `  checksum  ${i.checksum ?? '-'}`,
    `  signature ${i.signature.kind === 'detached' ? `detached, ${i.signature.url}` : i.signature.kind === 'clearsigned' ? 'clearsigned' : 'none published'}`,
    ...(i.keys.length === 0 ? ['  key       - (unsigned: verified over https only)'] : i.keys.map((k) => `  key       ${k.fingerprint} (${k.name})`)),
  ].join('\n')).join('\n') + '\n';
}

/** The lab's snapshots: one line per name, with when it was taken and on which machines. */
export function snapshotsText(lab: string, snapshots: readonly LabSnapshot[]): string {
  if (snapshots.length === 0) return `lab ${lab} has no snapshots\n`;
  return table(['SNAPSHOT', 'TAKEN', 'MACHINES'], snapshots.map((s) => [
    s.name, s.machines[0]?.created ?? '-', `${s.machines.map((m) => `${m.machine} (${m.state})`).join(', ')}${s.complete ? '' : ' (not every machine: revert refuses it)'}`,
  ]));
}
