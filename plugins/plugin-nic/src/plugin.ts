// plugin-nic as a rejviz plugin: declares --nic and --nic-format, and at the NETWORK stage of
// planGuest turns them into guest files (with cloud-init's network config switched off so it
// cannot overwrite ours) and into the NICs of the image manifest.
import { STAGE, type Plugin } from '@rejviz/core';

const NAME = 'plugin-nic';
const FORMATS = ['ifcfg', 'keyfile', 'netplan', 'eni', 'networkd'];
const COMMANDS = ['builder', 'customize', 'sysprep'] as const;

/** The --nic plugin (built into builder, customize and sysprep). */
export function nicPlugin(): Plugin {
  return {
    name: NAME,
    options: [
      { name: '--nic', type: 'array', arg: 'SPEC', description: 'Configure a guest NIC: name=NAME[,hwaddr=MAC][,bootproto=dhcp|static|none][,ipaddr=IP[/N]][,gateway=IP][,dns1=IP]...', commands: COMMANDS },
      { name: '--nic-format', type: 'string', arg: 'FORMAT', description: `Guest network format: auto (from the guest's OS) or ${FORMATS.join(', ')}`, commands: COMMANDS },
    ],
    apply(hooks) {
      hooks.planGuest.tapPromise({ name: NAME, stage: STAGE.NETWORK }, async (plan, ctx) => (await import('./plan-network.js')).planNetwork(plan, ctx));
    },
  };
}
