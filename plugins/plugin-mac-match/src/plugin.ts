// plugin-mac-match as a rejviz plugin: at the NETWORK stage of planInstall it gives the domain one
// NIC per image NIC, with the image's MAC, in guest order, on the network chosen by
// --nic-network, the NIC's static subnet or --default-network.
import { STAGE, type Plugin } from '@rejviz/core';

const NAME = 'plugin-mac-match';

/** The MAC-matching plugin (built into rejviz-install). */
export function macMatchPlugin(): Plugin {
  return {
    name: NAME,
    options: [
      { name: '--nic-network', type: 'array', arg: 'NIC=NETWORK', description: "Attach the image's NIC to this libvirt network (default: the network whose subnet holds its static address, else --default-network)", commands: ['install'] },
      { name: '--default-network', type: 'string', arg: 'NETWORK', description: 'Network for NICs no other rule places (default: $REJVIZ_DEFAULT_NETWORK, else default)', commands: ['install'] },
    ],
    apply(hooks) {
      hooks.planInstall.tapPromise({ name: NAME, stage: STAGE.NETWORK }, async (plan, ctx) => (await import('./plan-install-nics.js')).planInstallNics(plan, ctx, NAME));
    },
  };
}
