// What rejviz-up does: argv becomes a request for one library call; the bin prints the result.
// Exit codes: 0 done (or nothing to do), 2 bad input or a lab held by another run, a wrapped
// tool's own code when it failed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { libvirtConnection, UsageError, ERROR_CODES } from '@rejviz/core';
import type { CommandContext } from '@rejviz/cli';
import { parseVarOption } from './lab-file/expand-vars.js';
import { destroyLab } from './lifecycle/destroy-lab.js';
import { labStatus } from './lifecycle/lab-status.js';
import { listLabs } from './lifecycle/list-labs.js';
import { powerLab } from './lifecycle/power-lab.js';
import { labSnapshots, snapshotNameProblem } from './lifecycle/lab-snapshots.js';
import { loadLab } from './lab-file/load-lab.js';
import { planUp } from './plan/plan-up.js';
import { upLab } from './create/up-lab.js';
import { genText, makefileOption } from './gen/gen-cli.js';
import { asRunError, runLabFile, type RunOptions } from './run/run-lab.js';
import { jsonProgress, textProgress } from './progress-output.js';
import type { ProgressListener } from './create/progress.js';
import type { LabPlan } from './plan/plan-lab.js';
import { generateMakefile } from './gen/generate-makefile.js';
import { catalogueText, cloudImagesText, imagesText, listText, planText, powerText, pruneText, pulledImageText, snapshotsText, statusText } from './print.js';
import { listTemplateImages } from './images/template-images.js';
import { pruneImages } from './images/prune-images.js';
import { listCloudImages } from './images/cloud-images.js';
import { catalogueListing } from './images/catalogue-listing.js';
import { pullCloudImage } from './images/pull-cloud-image.js';
import { parseDuration } from './images/duration.js';
import type { LabImageOptions } from './images/lab-image-options.js';
import { progressRendererFor } from '@rejviz/images';
import { readUpArgs, type UpArgs, type Verb } from './up-args.js';
import { labAccess } from './access/lab-access.js';
import { labInventory } from '@rejviz/plugin-ansible';
import { labDir } from './state/lab-paths.js';
import { inventoryText, machineAccessTarget, scpWith, sftpTo, sshConfigText, sshInto } from './access/access-cli.js';
import { provisionCli, recordedLabFile } from './access/provision-cli.js';

const DEFAULT_FILE = 'rejviz.yaml';

function readLabFile(file: string, cwd: string): { file: string; text: string; path: string } {
  if (file === '-') return { file: '(stdin)', text: readFileSync(0, 'utf8'), path: '-' };
  const path = resolve(cwd, file);
  try {
    return { file, text: readFileSync(path, 'utf8'), path };
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new UsageError(`-f ${file}: ${why}; write the lab file (docs/up.md) or give -f FILE`, ERROR_CODES.INPUT);
  }
}

function vars(ctx: CommandContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of (ctx.options['--var'] as string[] | undefined) ?? []) {
    const parsed = parseVarOption(v);
    if ('error' in parsed) throw new UsageError(parsed.error);
    out[parsed[0]] = parsed[1];
  }
  return out;
}

/** --timeout SECONDS: whole seconds, for down only. */
function timeoutOption(value: string | undefined, verb: Verb): number | null {
  if (value === undefined) return null;
  if (verb !== 'down') throw new UsageError(`--timeout ${value}: only down waits for its guests; drop --timeout or use rejviz-up down`);
  if (!/^\d+$/.test(value) || Number(value) > 86_400) throw new UsageError(`--timeout ${value}: give whole seconds from 0 to 86400, e.g. --timeout 60`);
  return Number(value);
}

/** --jobs N: 1 to 64, for up only. */
function jobsOption(value: string | undefined, verb: Verb): number | null {
  if (value === undefined) return null;
  if (verb !== 'up') throw new UsageError(`--jobs ${value}: only up creates machines; drop --jobs`);
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 64) throw new UsageError(`--jobs ${value}: give a whole number from 1 to 64, e.g. --jobs 4`);
  return Number(value);
}

/** run's options as the one-machine lab's (checked by runLabFile). */
function runOptions(ctx: CommandContext, template: string | null): RunOptions {
  const value = (name: string) => ctx.options[name] as string | undefined;
  return {
    ...(template !== null && { template }),
    ...(value('--image') !== undefined && { image: value('--image')! }),
    ...(value('--checksum') !== undefined && { checksum: value('--checksum')! }),
    ...(ctx.options['--insecure-unverified'] === true && { insecureUnverified: true }),
    nics: (ctx.options['--nic'] as string[] | undefined) ?? [],
    ...(value('--name') !== undefined && { name: value('--name')! }),
    ...(value('--memory') !== undefined && { memory: value('--memory')! }),
    ...(value('--vcpus') !== undefined && { vcpus: value('--vcpus')! }),
    ...(value('--size') !== undefined && { size: value('--size')! }),
    ...(ctx.options['--ssh'] === true && { ssh: true }),
    // A relative key path is taken from here once, so that run again elsewhere names the same key.
    ...(value('--ssh-key') !== undefined && { sshKey: /^~(\/|$)/.test(value('--ssh-key')!) || value('--ssh-key') === '' ? value('--ssh-key')! : resolve(ctx.cwd, value('--ssh-key')!) }),
  };
}

/** --checksum, --insecure-unverified, --offline: only the verbs that pull cloud images; --cloud: images; --older-than: images prune. */
function checkImageFlags(ctx: CommandContext, args: UpArgs): void {
  const given = (o: string) => ctx.options[o] !== undefined && ctx.options[o] !== false;
  const pull = args.verb === 'images' && args.pull !== null;
  for (const o of ['--checksum', '--insecure-unverified', '--offline'].filter(given)) {
    if (pull && o === '--offline') throw new UsageError('--offline: images pull fetches the image; drop --offline (rejviz-up images --cloud lists what the cache holds)');
    if (!pull && !['up', 'plan', 'run', 'gen'].includes(args.verb)) throw new UsageError(`${o}: only up, plan, run, gen and images pull get cloud images; drop ${o}`);
  }
  if (given('--replace-outdated') && !['up', 'plan', 'run'].includes(args.verb)) throw new UsageError(`--replace-outdated: only up, plan and run replace machines; drop --replace-outdated`);
  if (given('--cloud') && (args.verb !== 'images' || args.prune || args.catalogue || pull)) throw new UsageError('--cloud: only images lists the cloud image cache (rejviz-up images --cloud); drop --cloud');
  if (given('--older-than') && !(args.verb === 'images' && args.prune)) throw new UsageError(`--older-than ${String(ctx.options['--older-than'])}: only images prune takes it; e.g. rejviz-up images prune --older-than 7d`);
}

/** The cloud image options of up, plan, run and gen; run's --checksum and trust are its profile's (runOptions). */
function imageOptions(ctx: CommandContext, verb: Verb): LabImageOptions {
  const checksum = verb === 'run' ? undefined : (ctx.options['--checksum'] as string | undefined);
  return {
    ...(ctx.options['--offline'] === true && { offline: true }),
    ...(verb !== 'run' && ctx.options['--insecure-unverified'] === true && { insecureUnverified: true }),
    ...(checksum !== undefined && { checksum }),
    // A bar on a terminal, plain lines otherwise, on stderr: never in --json's stdout.
    ...(!ctx.runner.dryRun && verb !== 'plan' && { progress: progressRendererFor(ctx.stderr as NodeJS.WriteStream) }),
  };
}

/** Runs `fn` with the progress listeners for the bin's output (create/progress.ts); the bar is cleared at the end. */
async function withProgress<T>(ctx: CommandContext, json: boolean, fn: (p: { progress: ProgressListener; onPlan: (plan: LabPlan) => void }) => Promise<T>): Promise<T> {
  const output = json ? jsonProgress(ctx.stdout) : textProgress(ctx.stderr as NodeJS.WritableStream & { isTTY?: boolean; columns?: number });
  try {
    return await fn({ progress: (e) => output.event(e), onPlan: (plan) => output.plan(plan) });
  } finally {
    output.finish();
  }
}

const ACCESS_VERBS: readonly Verb[] = ['ssh', 'scp', 'sftp', 'ssh-config', 'inventory'];

/** ssh, scp, sftp, ssh-config, inventory: the lab as it exists, reached over ssh. */
async function access(ctx: CommandContext, lab: string, args: UpArgs, json: boolean): Promise<number> {
  const machines = await labAccess({ lab, uri: args.uri }, ctx.services);
  if (args.verb === 'ssh-config') {
    ctx.stdout.write(sshConfigText(machines));
    return 0;
  }
  if (args.verb === 'inventory') {
    const host = ctx.options['--host'] as string | undefined;
    // The same inventory plugin-ansible writes when the lab is ready, from the lab as it exists.
    const inventory = labInventory({ lab, connection: libvirtConnection(args.uri), machines: machines.map((m) => m.info), stateDir: labDir(lab, ctx.env) }, ctx);
    for (const m of machines.filter((x) => x.settings && !x.target)) ctx.services.notice(`warning: ${m.machine} is not in the inventory: ${m.why}`);
    ctx.stdout.write(inventoryText(inventory, { ini: ctx.options['--ini'] === true, list: ctx.options['--list'] === true || json, host: host ?? null }));
    return 0;
  }
  if (ctx.runner.dryRun) {
    ctx.stdout.write(`would ${args.verb} ${args.verb === 'scp' ? args.operands.join(' ') : args.machine} of lab ${lab} (not run)\n`);
    return 0;
  }
  if (args.verb === 'scp') return scpWith(ctx.runner, lab, machines, args.operands);
  const target = machineAccessTarget(lab, machines, args.machine!);
  return args.verb === 'sftp' ? sftpTo(ctx.runner, target) : sshInto(ctx.runner, target, args.operands);
}

/** Runs a parsed rejviz-up command line; returns the exit code. */
export async function execute(ctx: CommandContext): Promise<number> {
  const args = readUpArgs(ctx.passthrough, ctx.options['--image'] !== undefined);
  const json = ctx.options['--json'] === true;
  const out = (data: unknown, text: string) => ctx.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : text);
  const labName = ctx.options['--lab'] as string | undefined;
  if (labName !== undefined && args.file !== null) throw new UsageError(`--lab ${labName}: give the lab by name or by -f FILE, not both`);
  if (labName !== undefined && args.verb === 'list') throw new UsageError(`--lab ${labName}: list shows every lab; drop --lab (status --lab ${labName} shows that one)`);
  if (labName !== undefined && args.verb === 'images') throw new UsageError(`--lab ${labName}: images are the connection's, not a lab's; drop --lab`);
  if (labName !== undefined && (args.verb === 'up' || args.verb === 'plan' || args.verb === 'gen')) {
    throw new UsageError(`--lab ${labName}: ${args.verb} reads the lab file (-f FILE); --lab names a lab for status, down, start, reboot, snapshot, destroy, ssh, scp, sftp, ssh-config, inventory and provision`);
  }
  const runOnly = ['--name', '--nic', '--memory', '--vcpus', '--size', '--ssh', '--ssh-key', '--image'].filter((o) => ctx.options[o] !== undefined);
  if (args.verb !== 'run' && runOnly.length > 0) throw new UsageError(`${runOnly[0]}: only run takes it (the lab file says it for a lab); e.g. rejviz-up run debian-12 ${runOnly[0]} ...`);
  if (args.verb === 'run') {
    if (labName !== undefined) throw new UsageError(`--lab ${labName}: run names its lab with --name; drop --lab`);
    if (args.file !== null) throw new UsageError(`-f ${args.file}: run brings up one VM without a lab file; drop -f, or use rejviz-up -f ${args.file}`);
  }
  if (args.verb === 'snapshot' && args.snapshot.action !== 'list') {
    const problem = snapshotNameProblem(args.snapshot.name ?? undefined);
    if (problem) throw new UsageError(problem);
  }
  const timeout = timeoutOption(ctx.options['--timeout'] as string | undefined, args.verb);
  const jobs = jobsOption(ctx.options['--jobs'] as string | undefined, args.verb);
  const makefile = makefileOption(ctx.options['--makefile'] as string | undefined, args.verb, ctx.runner.dryRun);
  const inventoryOnly = ['--ini', '--list', '--host'].filter((o) => ctx.options[o] !== undefined);
  if (args.verb !== 'inventory' && inventoryOnly.length > 0) throw new UsageError(`${inventoryOnly[0]}: only inventory takes it; e.g. rejviz-up inventory ${inventoryOnly[0]}${inventoryOnly[0] === '--host' ? ' MACHINE' : ''}`);
  if (args.verb === 'inventory' && ctx.options['--list'] === true && ctx.options['--host'] !== undefined) throw new UsageError('--list and --host: a dynamic inventory is asked one of them at a time; give one');
  checkImageFlags(ctx, args);
  if (args.verb === 'images') {
    if (args.file !== null) throw new UsageError(`-f ${args.file}: images are the connection's, not a lab's; drop -f`);
    const pool = ctx.options['--pool'] as string | undefined;
    if (args.catalogue) {
      const items = await catalogueListing(ctx.env);
      out(items, catalogueText(items));
    } else if (args.pull !== null) {
      if (pool !== undefined) throw new UsageError(`--pool ${pool}: images pull fills the image cache, not a pool; drop --pool`);
      if (ctx.runner.dryRun) {
        ctx.stdout.write(`would pull ${args.pull} into the image cache (not run)\n`);
        return 0;
      }
      const checksum = ctx.options['--checksum'] as string | undefined;
      const pulled = await pullCloudImage({
        source: args.pull, ...(checksum !== undefined && { checksum }), insecureUnverified: ctx.options['--insecure-unverified'] === true,
        progress: progressRendererFor(ctx.stderr as NodeJS.WriteStream),
      }, ctx.services);
      out(pulled, pulledImageText(pulled));
    } else if (args.prune) {
      const olderThan = ctx.options['--older-than'] as string | undefined;
      const removed = await pruneImages({ uri: args.uri, ...(pool && { pool }), dryRun: ctx.runner.dryRun, olderThanSeconds: olderThan === undefined ? null : parseDuration(olderThan) }, ctx.services);
      out(removed, pruneText(removed, ctx.runner.dryRun));
    } else if (ctx.options['--cloud'] === true) {
      const images = await listCloudImages({ uri: args.uri }, ctx.services);
      out(images, cloudImagesText(images));
    } else {
      const images = await listTemplateImages({ uri: args.uri, ...(pool && { pool }) }, ctx.services);
      out(images, imagesText(images));
    }
    return 0;
  }
  if (args.verb === 'list') {
    const labs = await listLabs({ uri: args.uri }, ctx.services);
    out(labs, listText(labs));
    return 0;
  }
  const lab = () => readLabFile(args.file ?? DEFAULT_FILE, ctx.cwd);
  const request = () => ({ ...lab(), vars: vars(ctx), uri: args.uri, images: imageOptions(ctx, args.verb) });
  if (args.verb === 'gen') {
    const pool = ctx.options['--pool'] as string | undefined;
    const report = await generateMakefile({ ...request(), dir: makefile!, ...(pool && { pool }), wait: ctx.options['--wait'] === true }, ctx.services);
    out(report, genText(report));
    return 0;
  }

  if (args.verb === 'plan' || args.verb === 'up' || args.verb === 'run') {
    // run is up on the one-machine lab its options stand for; its errors name those options.
    const r = {
      ...(args.verb === 'run' ? { ...runLabFile(runOptions(ctx, args.template)), uri: args.uri, images: imageOptions(ctx, args.verb) } : request()),
      ...(ctx.options['--replace-outdated'] === true && { replaceOutdated: true }),
    };
    const source = args.verb === 'run' ? 'asked' : undefined;
    try {
      if (args.verb === 'plan' || ctx.runner.dryRun) {
        const up = await planUp(r, ctx.services);
        out(up.plan, planText(up.plan, false, source));
        return 0;
      }
      const pool = ctx.options['--pool'] as string | undefined;
      const report = await withProgress(ctx, json, (progress) => upLab({ ...r, ...(pool && { pool }), ...(jobs !== null && { jobs }), wait: ctx.options['--wait'] === true, ...progress }, ctx.services));
      // --json: NDJSON (the progress events, then the result), one object per line.
      if (json) ctx.stdout.write(`${JSON.stringify({ event: 'result', plan: report.plan })}\n`);
      else ctx.stdout.write(planText(report.plan, true, source));
      return 0;
    } catch (error) {
      throw args.verb === 'run' ? asRunError(error) : error;
    }
  }
  if (args.verb === 'provision') {
    // The playbooks are the lab file's: with --lab, the file the lab was brought up from.
    const file = labName !== undefined ? await recordedLabFile(labName, ctx.env) : args.file ?? DEFAULT_FILE;
    return provisionCli(ctx, { ...readLabFile(file, ctx.cwd), vars: vars(ctx) }, { ...(labName !== undefined && { lab: labName }), uri: args.uri, json });
  }
  // The lab's name is all status and destroy need of the file (no libvirt lookups for that).
  const name = labName ?? (await loadLab({ ...request(), env: ctx.env, cwd: ctx.cwd, checkFiles: false })).name;
  if (ACCESS_VERBS.includes(args.verb)) return access(ctx, name, args, json);
  if (args.verb === 'status') {
    const machines = await labStatus({ lab: name, uri: args.uri }, ctx.services);
    out(machines, statusText(name, machines));
    return 0;
  }
  if (args.verb === 'snapshot') {
    const action = args.snapshot.action!;
    const snapName = args.snapshot.name ?? undefined;
    if (ctx.runner.dryRun && action !== 'list') {
      ctx.stdout.write(`would ${action} snapshot ${snapName} of every machine of lab ${name} (not run)\n`);
      return 0;
    }
    const snapshots = await labSnapshots({ lab: name, action, ...(snapName && { name: snapName }), uri: args.uri, wait: ctx.options['--wait'] === true }, ctx.services);
    out(snapshots, action === 'list' ? snapshotsText(name, snapshots) : `${action === 'create' ? 'created' : action === 'revert' ? 'reverted to' : 'deleted'} snapshot ${snapName} of lab ${name}\n`);
    return 0;
  }
  if (args.verb === 'down' || args.verb === 'start' || args.verb === 'reboot') {
    if (ctx.runner.dryRun) {
      const machines = await labStatus({ lab: name, uri: args.uri }, ctx.services);
      ctx.stdout.write(`would ${args.verb === 'down' ? 'shut down' : args.verb} lab ${name}: ${machines.map((m) => `${m.machine} (${m.state})`).join(', ') || 'no machines'} (not run)\n`);
      return 0;
    }
    const results = await powerLab({ lab: name, action: args.verb, uri: args.uri, wait: ctx.options['--wait'] === true, ...(timeout !== null && { timeoutSeconds: timeout }) }, ctx.services);
    out(results, powerText(name, args.verb, results));
    return 0;
  }
  if (ctx.runner.dryRun) {
    ctx.stdout.write(`would destroy lab ${name}: its domains, volumes, networks and state (not run)\n`);
    return 0;
  }
  const removed = await destroyLab({ lab: name, uri: args.uri, wait: ctx.options['--wait'] === true }, ctx.services);
  out(removed, `destroyed lab ${name}: ${removed.domains.length} domain(s), ${removed.volumes.length} volume(s), ${removed.networks.length} network(s)\n`);
  return 0;
}
