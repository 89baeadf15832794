// The planner of rejviz-install: reads the image's NICs, checks the domain name, sends the plan
// through the planInstall hook (MAC matching, seed) and adds the TCG fallback. It runs only
// read-only queries (virsh lists and dumps, qemu-img info and blkid -p on a disk, at most one
// read-only guestfish).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  addInstallArgs, checkDiskImage, createPlanContext, emptyInstallPlan, lastOptionValue, libvirtConnection, readLibvirtState, showCommand, toolInfo, UsageError, virshConnectArgs, virshQuery,
  type InstallContext, type InstallPlan, type LibvirtState, type Services,
} from '@rejviz/core';
import { imageNics, type ImageNics } from './image-nics.js';
import type { InstallRequest } from './request.js';
import { readInstallArgs } from './install-args.js';
import { osinfoArgs } from './osinfo.js';
import { virtTypeFallback } from './virt-type.js';

export interface InstallRun {
  plan: InstallPlan;
  command: string;
  context: InstallContext;
  image: ImageNics;
  /** The domain's UUID (--uuid, the user's or one rejviz added): how an undo knows the domain is this run's. */
  uuid: string;
}

/** Plans a virt-install run. */
export async function planInstall(request: InstallRequest, services: Services): Promise<InstallRun> {
  const ctx = services;
  const info = await toolInfo(ctx.runner, 'virt-install', ctx.env);
  const given = [...(request.toolArgs ?? [])];
  // readInstallArgs gives '' for no --name.
  const named = readInstallArgs(given, info, ctx.cwd, false).name || null;
  if (request.name !== undefined && named !== null && named !== request.name) {
    throw new UsageError(`name '${request.name}' and the virt-install arguments' --name '${named}' disagree; give it once`);
  }
  // A name given as a field goes to virt-install as --name, after the arguments passed through.
  const toolArgs = [...given, ...(request.name !== undefined && named === null ? ['--name', request.name] : [])];
  const args = readInstallArgs(toolArgs, info, ctx.cwd);
  const connection = libvirtConnection(args.uri, '--connect');
  const virshConnect = virshConnectArgs(connection);
  const volumePath = async (volume: string) => {
    const slash = volume.indexOf('/');
    const r = await virshQuery(ctx.runner, connection, ['vol-path', '--pool', volume.slice(0, slash), volume.slice(slash + 1)], { allowFailure: true });
    return r.exitCode === 0 ? r.stdout.trim() : null;
  };
  // The virsh queries start now and run while the manifest is read (both are waits, not work).
  const planned = request.networksToDefine ?? [];
  const state: Promise<LibvirtState> = readLibvirtState(ctx.runner, connection, args.name).then((found) => (planned.length === 0 ? found : {
    ...found,
    networkNames: [...found.networkNames, ...planned.map((xml) => /<name>([^<]*)<\/name>/.exec(xml)?.[1] ?? '')],
    networkXml: [...found.networkXml, ...planned],
  }));
  state.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
  const libvirtState = () => state;
  const manifestGiven = request.manifest !== undefined && request.manifest !== null;
  const where = args.uri ?? 'the default connection';
  const checkName = async () => {
    if ((await state).domainNames.includes(args.name)) {
      throw new UsageError(`--name ${args.name}: a domain of that name is already defined on ${where}; pick another name or remove it (virsh undefine ${args.name})`);
    }
  };
  // Without a manifest the name is checked before the (slow) inspection of the image.
  if (!manifestGiven) await checkName();
  const imported = args.uses.some((use) => use.option === '--import');
  const firstDisk = args.disks.find((d) => d.device === 'disk');
  const checkImportExists = () => {
    if (imported && firstDisk?.path && !existsSync(firstDisk.path)) {
      throw new UsageError(`--disk ${firstDisk.path}: no such file; --import boots an existing image, so check the path`);
    }
  };
  // In `rejviz-builder ... --json | rejviz-install --manifest -` both start at once: the image
  // exists only once the manifest has arrived, so with a manifest the disk is checked after it.
  if (!manifestGiven) checkImportExists();
  const manifestName = request.manifestName ?? 'the manifest';
  const image = await imageNics({ manifest: request.manifest ?? null, manifestName, disks: args.disks, runner: ctx.runner, env: ctx.env, volumePath });
  if (manifestGiven) {
    await checkName();
    checkImportExists();
  }
  // What --import boots must hold an image (unless inspection just checked it): a directory or
  // an empty file would only fail in the guest's firmware, after the domain was defined.
  if (imported && firstDisk?.path && firstDisk.path !== image.inspected) await checkDiskImage(ctx.runner, firstDisk.path, `--disk ${firstDisk.path}`);
  const warnings: string[] = [...image.notes];
  const disks = (await Promise.all(args.disks.filter((d) => d.device === 'disk').map(async (d) => ({ path: d.path ?? (d.volume ? await volumePath(d.volume) : null), format: d.format }))))
    .filter((d): d is { path: string; format: string | null } => d.path !== null);
  if (image.manifest && disks[0] && disks[0].path !== image.manifest.image) {
    warnings.push(`--disk ${disks[0].path} is not the manifest's image ${image.manifest.image}; the NICs are those of the manifest`);
  }
  const base = createPlanContext(services, 'install', request.options ?? {}, { guestOsinfo: async () => image.osinfo }, warnings);
  const context: InstallContext = { ...base.context, virshConnect, connection, disks, userOptions: args.uses, libvirtState };
  let plan = emptyInstallPlan(toolArgs, args.name, args.uri, image.nics, image.source);
  if (image.manifest && args.disks.length === 0) {
    // The manifest names the image: without a --disk, that image is the domain's disk.
    const disk = ['--disk', `path=${image.manifest.image},format=${image.manifest.format}`];
    plan = addInstallArgs(plan, 'core', disk, "the manifest's image (no --disk was given)");
    disks.push({ path: image.manifest.image, format: image.manifest.format });
    // The manifest reader made sure the image is a file or block device; what --import boots must hold an image.
    if (imported) await checkDiskImage(ctx.runner, image.manifest.image, `${manifestName === '(stdin)' ? '--manifest -' : `--manifest ${manifestName}`}: image ${image.manifest.image}`);
  }
  plan = await services.hooks.planInstall.promise(plan, context);
  const osinfo = osinfoArgs(args.uses, image.osinfo, image.source, ctx.env);
  if (osinfo) {
    plan = addInstallArgs(plan, 'core', osinfo.args, osinfo.why);
    if (osinfo.notice !== null) plan = { ...plan, notices: [...plan.notices, osinfo.notice] };
  }
  // With its own UUID, a domain left by an interrupted or failed virt-install is known to be this
  // run's, not one a concurrent run of the same name defined meanwhile.
  let uuid = lastOptionValue(args.uses, ['--uuid']) ?? null;
  if (uuid === null) {
    uuid = randomUUID();
    plan = addInstallArgs(plan, 'core', ['--uuid', uuid], 'so that an interrupted install removes only its own domain');
  }
  const fallback = await virtTypeFallback(args.virtType, lastOptionValue(args.uses, ['--cpu']) ?? null, args.uri, ctx.runner, ctx.env);
  if (fallback) {
    plan = addInstallArgs(plan, 'core', fallback.args, 'TCG fallback: KVM is not usable on this host');
    plan = { ...plan, notices: [...plan.notices, fallback.notice] };
  }
  plan = { ...plan, warnings: [...plan.warnings, ...base.warnings] };
  return { plan, command: showCommand('virt-install', plan.args), context, image, uuid };
}
