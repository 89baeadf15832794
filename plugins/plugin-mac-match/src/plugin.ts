// plugin-mac-match as a rejviz plugin: at the NETWORK stage of planInstall it gives the domain one
// NIC per image NIC, with the image's MAC, in guest order, on the network chosen by
// --nic-network, the NIC's static subnet or --default-network; for rejviz-peek it judges the
// guest's NIC configurations against the domain's NICs, by MAC (judgeGuest).
import { STAGE, type Plugin, type PluginOption } from '@rejviz/core';
import { checkNicNetwork, parseNicNetworkOption } from './nic-network-option.js';
import type { NicNetworkOption } from './types.js';

const NAME = 'plugin-mac-match';

/** --nic-network NIC=NETWORK (repeated), or in data `nicNetworks: [{nic, network}]` (or the same strings). */
export const NIC_NETWORKS_OPTION: PluginOption<NicNetworkOption[]> = {
  name: '--nic-network', key: 'nicNetworks', type: 'array', arg: 'NIC=NETWORK', commands: ['install'],
  description: "Attach the image's NIC to this libvirt network (default: the network whose subnet holds its static address, else --default-network)",
  schema: {
    type: 'array',
    items: { oneOf: [{ type: 'string' }, { type: 'object', required: ['nic', 'network'], additionalProperties: false, properties: { nic: { type: 'string' }, network: { type: 'string' } } }] },
  },
  parse: (value) => (value as (string | NicNetworkOption)[]).map((v) => (typeof v === 'string' ? parseNicNetworkOption(v) : checkNicNetwork(v.nic, v.network, `${v.nic}=${v.network}`))),
};

/** The MAC-matching plugin (built into rejviz-install). */
export function macMatchPlugin(): Plugin {
  return {
    name: NAME,
    options: [
      NIC_NETWORKS_OPTION,
      { name: '--default-network', type: 'string', arg: 'NETWORK', description: 'Network for NICs no other rule places (default: $REJVIZ_DEFAULT_NETWORK, else default)', commands: ['install'] },
    ],
    apply(hooks) {
      hooks.planInstall.tapPromise({ name: NAME, stage: STAGE.NETWORK }, async (plan, ctx) => (await import('./plan-install-nics.js')).planInstallNics(plan, ctx, NAME));
      // rejviz-peek: every NIC configuration against the domain's (or manifest's) NICs, by MAC.
      hooks.judgeGuest.tapPromise({ name: NAME, stage: STAGE.NETWORK }, async (verdicts, findings) => [
        ...verdicts, ...(await import('./nic-verdicts.js')).findingsVerdicts(findings),
      ]);
    },
  };
}
