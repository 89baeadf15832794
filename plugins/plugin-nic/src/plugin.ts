// plugin-nic as a rejviz plugin: declares --nic and --nic-format, and at the NETWORK stage of
// planGuest turns them into guest files (with cloud-init's network config switched off so it
// cannot overwrite ours) and into the NICs of the image manifest; for rejviz-peek it says which
// format the guest reads (describeNetwork). The values arrive typed
// (PlanContext.options.nics: NicSpec[]), from the command line or from data alike.
import { STAGE, type Plugin, type PluginOption } from '@rejviz/core';
import { NIC_FORMATS as FORMATS } from './nic-formats.js';
import type { NicFormat, NicSpec } from './types.js';

const NAME = 'plugin-nic';
const COMMANDS = ['builder', 'customize', 'sysprep'] as const;

// A NIC in data: the compact --nic string, or an object with the same keys (nic-option.ts checks
// the keys and their values, with the messages --nic gives).
const NIC_SCHEMA = {
  type: 'array',
  items: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'object' }] },
};

// The parsers load on use: starting a command (or --help) does not pay for the address parser.
export const NICS_OPTION: PluginOption<NicSpec[]> = {
  name: '--nic', key: 'nics', type: 'array', arg: 'SPEC', commands: COMMANDS, schema: NIC_SCHEMA,
  description: 'Configure a guest NIC: name=NAME[,hwaddr=MAC][,bootproto=dhcp|static|none][,ipaddr=IP[/N]][,gateway=IP][,dns1=IP]...',
  parse: async (value, source) => (await import('./nic-values.js')).nicsValue(value, source),
} as PluginOption<NicSpec[]>;

export const NIC_FORMAT_OPTION: PluginOption<NicFormat | 'auto'> = {
  name: '--nic-format', key: 'nicFormat', type: 'string', arg: 'FORMAT', commands: COMMANDS,
  schema: { type: 'string', enum: ['auto', ...FORMATS] },
  description: `Guest network format: auto (from the guest's OS) or ${FORMATS.join(', ')}`,
  parse: async (value, source) => (await import('./nic-values.js')).nicFormatValue(value, source),
} as PluginOption<NicFormat | 'auto'>;

/** The --nic plugin (built into builder, customize and sysprep). */
export function nicPlugin(): Plugin {
  return {
    name: NAME,
    options: [NICS_OPTION, NIC_FORMAT_OPTION],
    apply(hooks) {
      hooks.planGuest.tapPromise({ name: NAME, stage: STAGE.NETWORK }, async (plan, ctx) => (await import('./plan-network.js')).planNetwork(plan, ctx));
      // rejviz-peek: the format this guest reads, as --nic-format auto would pick it.
      hooks.describeNetwork.tapPromise({ name: NAME, stage: STAGE.NETWORK }, async (network, facts) => network ?? (await import('./describe-network.js')).describeNetwork(facts));
    },
  };
}
