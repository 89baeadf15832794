// The planInstall tap: one --network per image NIC, in guest order, with the image's MAC, in place
// of the user's own --network options (which planDomainNics re-emits, a MAC match winning).
import { addInstallArgs, UsageError, type InstallContext, type InstallPlan } from '@rejviz/core';
import { parseDomainXml, parseNetworkXml } from '@rejviz/core/libvirt-xml';
import { planDomainNics } from './plan-domain-nics.js';
import { readUserNetworks, withoutUserNetworks } from './read-user-networks.js';
import type { NicNetworkOption } from './types.js';

/** Whether the user turned virt-install's MAC check off (--check mac_in_use=off or --check all=off). */
function macCheckOff(ctx: InstallContext): boolean {
  return ctx.userOptions.some((use) => use.option === '--check' && /(^|,)(mac_in_use|all)=(off|no|0|false)(,|$)/.test(use.value ?? ''));
}

/** Adds the domain NICs that match the image. */
export async function planInstallNics(plan: InstallPlan, ctx: InstallContext, origin: string): Promise<InstallPlan> {
  // Nothing to match (a new disk, or an image that binds no NIC to a MAC): virt-install's own
  // NIC choice, or the user's --network options, stand as given.
  if (plan.imageNics.length === 0) {
    const told = ctx.options.nicNetworks as NicNetworkOption[] | undefined;
    if (told && told.length > 0) throw new UsageError(`--nic-network ${told[0]!.nic}=${told[0]!.network}: the image has no NIC bound to a MAC (${plan.nicSource}); drop it or give --manifest`);
    return plan;
  }
  // virt-install's argv was read once, by core (InstallContext.userOptions).
  const users = readUserNetworks(ctx.userOptions, plan.args);
  const state = await ctx.libvirtState();
  const nicNetworks = (ctx.options.nicNetworks as NicNetworkOption[] | undefined) ?? [];
  // $REJVIZ_DEFAULT_NETWORK: a host-wide default, e.g. an isolated network where libvirt's NAT
  // 'default' must not be used (our own tests and demo).
  const defaultNetwork = (ctx.options.defaultNetwork as string | undefined) ?? (ctx.env.REJVIZ_DEFAULT_NETWORK || undefined);
  const nics = planDomainNics({
    manifestNics: plan.imageNics,
    userNetworkArgs: users,
    nicNetworks,
    ...(defaultNetwork !== undefined && { defaultNetwork }),
    networks: state.networkXml.map((xml) => parseNetworkXml(xml, 'virsh net-dumpxml')),
    otherDomains: state.domainXml.map((xml) => parseDomainXml(xml, 'virsh dumpxml')).filter((d) => d.name !== plan.domain),
    checkMacInUse: !macCheckOff(ctx),
  });
  const why = plan.imageNics.length > 0 ? `domain NICs with the image's MACs, in guest order (from ${plan.nicSource})` : 'the image configures no NIC';
  const next = addInstallArgs({ ...plan, args: withoutUserNetworks(plan.args, users) }, origin, nics.args, why);
  return {
    ...next,
    nics: nics.nics.map((nic) => ({ guestName: nic.guestName, mac: nic.mac, network: nic.network, source: nic.source })),
    warnings: [...next.warnings, ...nics.warnings],
  };
}
