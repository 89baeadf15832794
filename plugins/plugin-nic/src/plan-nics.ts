// Turns all NICs of one command into planned NICs: parse each (the compact --nic form, or the same
// keys as data), validate the set, fill in MACs.

import { assignMacs } from './mac-address.js';
import { nicItemsFromData } from './nic-option.js';
import { parseNicItems, parseNicOption } from './parse-nic.js';
import { validateNics } from './validate-nics.js';
import type { NicSpec, RandomSource } from './types.js';

/** A NIC as given: the compact --nic string, or an object of the same keys. */
export type NicInput = string | Readonly<Record<string, unknown>>;

/**
 * Parses, cross-validates and completes every NIC; warnings are one line each. `label` names data
 * NICs in messages ('options.nics' gives 'options.nics[1] (eth1): ...').
 */
export function planNics(values: readonly NicInput[], random?: RandomSource, label = 'nics'): { nics: NicSpec[]; warnings: string[] } {
  const parsed = values.map((value, i) => {
    if (typeof value === 'string') return parseNicOption(value);
    const where = `${label}[${i}]`;
    return parseNicItems(nicItemsFromData(value, where), (name) => `${where} (${name})`);
  });
  const nics = parsed.map((p) => p.nic);
  validateNics(nics);
  return { nics: assignMacs(nics, random), warnings: parsed.flatMap((p) => p.warnings) };
}
