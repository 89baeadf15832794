// The planning work of plugin-nic (render the planned NICs): loaded by the tap on first use, so
// starting a command (or --help) does not pay for the renderers.
import { addGuestFiles, UsageError, type GuestPlan, type PlanContext } from '@rejviz/core';
import { manifestNic } from '@rejviz/core/nic';
import { competingFiles, eniMainFileCommand } from './competing-files.js';
import { formatForGuest } from './format-for-guest.js';
import { formatForOsinfo, renderOptionsForOsinfo } from './format-for-osinfo.js';
import { renderCloudInitDisable } from './render-cloud-init-disable.js';
import { renderNics } from './render-nics.js';
import type { NicFormat, NicSpec } from './types.js';

import { NIC_FORMATS as FORMATS } from './nic-formats.js';

export const NAME = 'plugin-nic';
export { FORMATS };

/**
 * The manifest form of a planned NIC. Its gateways are the default gateways the guest gets: with
 * defroute=no the renderers write none, so the manifest (which has no defroute) lists none either,
 * and a manifest passes the same one-default-route-per-family rule as the --nic values did.
 */
async function chooseFormat(option: unknown, ctx: PlanContext): Promise<{ format: NicFormat; osinfo: string | null }> {
  if (option !== undefined && option !== 'auto') {
    if (!FORMATS.includes(option as NicFormat)) throw new UsageError(`--nic-format '${String(option)}' is not known; use auto, ${FORMATS.join(', ')}`);
    return { format: option as NicFormat, osinfo: null };
  }
  if (ctx.guestFacts) {
    // An existing image: the stack that is active in it decides, not its release alone.
    const facts = await ctx.guestFacts();
    return { format: formatForGuest(facts).format, osinfo: facts.os?.osinfo ?? null };
  }
  const osinfo = await ctx.guestOsinfo();
  if (!osinfo) throw new UsageError(`--nic-format auto: the guest's OS is unknown; pass --nic-format (${FORMATS.join(', ')})`);
  return { format: formatForOsinfo(osinfo), osinfo };
}

/** The NETWORK-stage tap: --nic values to files, operations and manifest NICs. */
export async function planNetwork(plan: GuestPlan, ctx: PlanContext): Promise<GuestPlan> {
  // Typed by the option declarations (plugin.ts): parsed, validated, MACs filled in.
  const nics = (ctx.options.nics as NicSpec[] | undefined) ?? [];
  const formatOption = ctx.options.nicFormat as NicFormat | 'auto' | undefined;
  if (nics.length === 0) {
    if (formatOption !== undefined) throw new UsageError('--nic-format needs at least one --nic; add --nic name=eth0 or drop --nic-format');
    return plan;
  }
  const { format, osinfo } = await chooseFormat(formatOption, ctx);
  const files = [...renderNics(format, nics, osinfo ? renderOptionsForOsinfo(osinfo) : {}), renderCloudInitDisable()];
  const deletes = competingFiles(format, nics).map((path) => ({ kind: 'delete' as const, path, origin: NAME }));
  let next: GuestPlan = { ...plan, ops: [...plan.ops, ...deletes] };
  next = addGuestFiles(next, files, NAME);
  if (format === 'eni' && files.some((f) => f.path.startsWith('/etc/network/interfaces.d/'))) {
    next.ops.push({ kind: 'run-command', command: eniMainFileCommand(nics.map((n) => n.name)), origin: NAME });
  }
  return { ...next, nics: [...next.nics, ...nics.map(manifestNic)], nicFormat: format, osinfo: next.osinfo ?? osinfo };
}

