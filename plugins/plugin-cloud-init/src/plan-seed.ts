// The planInstall tap: a NoCloud seed (meta-data, user-data, network-config) for the domain,
// built from the options and the image's NICs, written later by rejviz-install as an ISO volume
// and attached as a cdrom. Inputs are checked here, before anything runs.
import { addInstallArgs, optionKey, UsageError, virshQuery, type InstallContext, type InstallPlan, type SeedFile } from '@rejviz/core';
import { checkWithCloudInit } from './cloud-init-schema.js';
import { firstBootSeed } from './first-boot-seed.js';
import { hostnameProblem } from './hostname.js';
import { newInstanceId, validateInstanceId } from './instance-id.js';
import { renderMetaData } from './meta-data.js';
import { renderNetworkConfig } from './network-config.js';
import { OPTIONS } from './option-names.js';
import { readInputFile } from './read-input-file.js';
import { redactUserData } from './redact.js';
import { seedPool } from './seed-pool.js';
import { buildUserData } from './user-data.js';

function hostnameFor(ctx: InstallContext, domain: string): string {
  const asked = ctx.options[optionKey({ name: OPTIONS.hostname })] as string | undefined;
  if (asked !== undefined) return asked;
  // The domain name is the default; say how to fix it when it cannot be a host name.
  const problem = hostnameProblem(domain);
  if (problem !== undefined) throw new UsageError(`--name ${domain} cannot be the guest's host name (${problem}); pass ${OPTIONS.hostname} NAME`);
  return domain;
}

/** Adds the seed to the plan (plugin.ts calls it only when a seed option is given). */
export async function planSeed(plan: InstallPlan, ctx: InstallContext, origin: string): Promise<InstallPlan> {
  const own = ctx.userOptions.find((use) => use.option === '--cloud-init');
  if (own !== undefined) {
    // `--cloud-init SUBOPTIONS` is virt-install's own (rejviz's --cloud-init takes no value).
    const given = own.value === null ? '--cloud-init' : `--cloud-init ${own.value}`;
    throw new UsageError(`virt-install's ${given} makes a seed of its own, and rejviz's seed options make another; use one: rejviz's (${OPTIONS.userData} FILE for user-data=, ${OPTIONS.sshKey} FILE for clouduser-ssh-key=, ${OPTIONS.user}, ${OPTIONS.hostname}) or virt-install's alone`);
  }
  if (ctx.userOptions.some((use) => use.option === '--print-xml')) {
    throw new UsageError('--print-xml with --cloud-init would leave a seed volume no domain uses; drop one of them');
  }
  const hostname = hostnameFor(ctx, plan.domain);
  const instanceId = validateInstanceId((ctx.options[optionKey({ name: OPTIONS.instanceId })] as string | undefined) ?? newInstanceId());
  const userDataFile = ctx.options[optionKey({ name: OPTIONS.userData })] as string | undefined;
  const base = userDataFile === undefined ? undefined : { text: await readInputFile(OPTIONS.userData, userDataFile, ctx.cwd), source: userDataFile };
  const sshKeys = await Promise.all(((ctx.options[optionKey({ name: OPTIONS.sshKey })] as string[] | undefined) ?? []).map((file) => readInputFile(OPTIONS.sshKey, file, ctx.cwd)));
  // Each --user gets the --ssh-key keys too, so one key logs in as any of them.
  const users = ((ctx.options[optionKey({ name: OPTIONS.user })] as string[] | undefined) ?? []).map((name) => ({ name, sudo: true, sshKeys }));
  const userData = buildUserData({ ...(base && { base }), hostname, users, sshKeys });
  const files: SeedFile[] = [
    { name: 'meta-data', content: renderMetaData({ instanceId, hostname, ...(ctx.options[optionKey({ name: OPTIONS.seedLocal })] === true && { dsmode: 'local' as const }) }) },
    { name: 'user-data', content: userData, shown: redactUserData(userData) },
  ];
  // Without image NICs the domain keeps virt-install's own NIC, and cloud-init's fallback (DHCP on
  // the first NIC) is what a stock cloud image expects.
  const notices: string[] = [];
  if (plan.imageNics.length > 0) files.push({ name: 'network-config', content: renderNetworkConfig(plan.imageNics, plan.nicSource) });
  else notices.push(`the seed has no network-config (${plan.nicSource === 'none' ? 'no image NICs to describe' : `no NIC bound to a MAC in ${plan.nicSource}`}): cloud-init falls back to DHCP on the first NIC`);
  if (ctx.options[optionKey({ name: OPTIONS.seedFirstBoot })] === true) {
    const firstBoot = firstBootSeed({ userData, instanceId, hostname, nics: plan.imageNics });
    if ('files' in firstBoot) files.push(...firstBoot.files);
    else notices.push(`${OPTIONS.seedFirstBoot}: the seed is left to cloud-init: ${firstBoot.why}`);
  }
  await checkWithCloudInit(ctx, userData, userDataFile);
  const { pool, notice } = await seedPool(ctx);
  const volume = `${plan.domain}-cidata.iso`;
  if (/[,/]/.test(volume) || /,/.test(pool)) throw new UsageError(`--name ${plan.domain}: the seed volume name ${volume} cannot hold ',' or '/'; pick another domain name`);
  const existing = await virshQuery(ctx.runner, ctx.connection, ['vol-info', '--pool', pool, volume], { allowFailure: true });
  if (existing.exitCode === 0) {
    throw new UsageError(`--name ${plan.domain}: storage pool ${pool} already has a volume ${volume} (left from an earlier domain?); remove it (virsh vol-delete --pool ${pool} ${volume}) or pick another name`);
  }
  const next = addInstallArgs(plan, origin, ['--disk', `vol=${pool}/${volume},device=cdrom`], `NoCloud seed (cidata) for cloud-init, hostname ${hostname}`);
  if (notice !== null) notices.push(notice);
  return { ...next, seed: { files, pool, volume, origin }, notices: [...next.notices, ...notices] };
}
