// What --nic and --nic-format accept, as data for shell completion (docs/completion.md; the
// shape is @rejviz/cli's ValueSyntax): the keys --nic parses and the values it knows for some of
// them, and the formats plugin-nic renders. Both lists load without the parser or the planner.
import { BOOTPROTOS, NIC_KEYS, YES_NO } from './nic-keys.js';
import { NIC_FORMATS } from './nic-formats.js';

/** The value syntax of plugin-nic's options, by option name. */
export const NIC_OPTION_VALUES = {
  '--nic': { keys: NIC_KEYS, keyValues: { bootproto: BOOTPROTOS, defroute: YES_NO, onlink: YES_NO } },
  '--nic-format': { oneOf: ['auto', ...NIC_FORMATS] },
} as const;
