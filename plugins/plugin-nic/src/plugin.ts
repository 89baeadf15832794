// plugin-nic as a rejviz plugin: declares --nic and --nic-format, and at the NETWORK stage of
// planGuest turns them into guest files (with cloud-init's network config switched off so it
// cannot overwrite ours) and into the NICs of the image manifest.
import { addGuestFiles, STAGE, UsageError, type GuestPlan, type ManifestNic, type PlanContext, type Plugin } from '@rejviz/core';
import { competingFiles, ENSURE_ENI_SOURCED } from './competing-files.js';
import { formatForOsinfo, renderOptionsForOsinfo } from './format-for-osinfo.js';
import { planNics } from './plan-nics.js';
import { renderCloudInitDisable } from './render-cloud-init-disable.js';
import { renderNics } from './render-nics.js';
import type { NicFormat, NicSpec } from './types.js';

const NAME = 'plugin-nic';
const FORMATS: readonly NicFormat[] = ['ifcfg', 'keyfile', 'netplan', 'eni', 'networkd'];
const COMMANDS = ['builder', 'customize', 'sysprep'] as const;

/** The manifest form of a planned NIC. */
export function manifestNic(n: NicSpec): ManifestNic {
  return {
    name: n.name, mac: n.mac, bootproto: n.bootproto,
    addresses: [...n.ipv4, ...n.ipv6].map((a) => `${a.address}/${a.prefix}`),
    gateway: n.gateway4 ?? null, gateway6: n.gateway6 ?? null, dns: [...n.dns], mtu: n.mtu ?? null,
  };
}

async function chooseFormat(option: unknown, ctx: PlanContext): Promise<{ format: NicFormat; osinfo: string | null }> {
  if (option !== undefined && option !== 'auto') {
    if (!FORMATS.includes(option as NicFormat)) throw new UsageError(`--nic-format '${String(option)}' is not known; use auto, ${FORMATS.join(', ')}`);
    return { format: option as NicFormat, osinfo: null };
  }
  const osinfo = await ctx.guestOsinfo();
  if (!osinfo) throw new UsageError(`--nic-format auto: the guest's OS is unknown; pass --nic-format (${FORMATS.join(', ')})`);
  return { format: formatForOsinfo(osinfo), osinfo };
}

async function planNetwork(plan: GuestPlan, ctx: PlanContext): Promise<GuestPlan> {
  const values = (ctx.options['--nic'] as string[] | undefined) ?? [];
  const formatOption = ctx.options['--nic-format'];
  if (values.length === 0) {
    if (formatOption !== undefined) throw new UsageError('--nic-format needs at least one --nic; add --nic name=eth0 or drop --nic-format');
    return plan;
  }
  const { nics, warnings } = planNics(values);
  warnings.forEach((w) => ctx.warn(w));
  const { format, osinfo } = await chooseFormat(formatOption, ctx);
  const files = [...renderNics(format, nics, osinfo ? renderOptionsForOsinfo(osinfo) : {}), renderCloudInitDisable()];
  const deletes = competingFiles(format, nics).map((path) => ({ kind: 'delete' as const, path, origin: NAME }));
  let next: GuestPlan = { ...plan, ops: [...plan.ops, ...deletes] };
  next = addGuestFiles(next, files, NAME);
  if (format === 'eni' && files.some((f) => f.path.startsWith('/etc/network/interfaces.d/'))) {
    next.ops.push({ kind: 'run-command', command: ENSURE_ENI_SOURCED, origin: NAME });
  }
  return { ...next, nics: [...next.nics, ...nics.map(manifestNic)], nicFormat: format, osinfo: next.osinfo ?? osinfo };
}

/** The --nic plugin (built into builder, customize and sysprep). */
export function nicPlugin(): Plugin {
  return {
    name: NAME,
    options: [
      { name: '--nic', type: 'array', arg: 'SPEC', description: 'Configure a guest NIC: name=NAME[,hwaddr=MAC][,bootproto=dhcp|static|none][,ipaddr=IP[/N]][,gateway=IP][,dns1=IP]...', commands: COMMANDS },
      { name: '--nic-format', type: 'string', arg: 'FORMAT', description: `Guest network format: auto (from the guest's OS) or ${FORMATS.join(', ')}`, commands: COMMANDS },
    ],
    apply(hooks) {
      hooks.planGuest.tapPromise({ name: NAME, stage: STAGE.NETWORK }, planNetwork);
    },
  };
}
