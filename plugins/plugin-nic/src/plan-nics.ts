// Turns all --nic values of one command into planned NICs: parse each, validate the set, fill in MACs.

import { assignMacs } from './mac-address.js';
import { parseNicOption } from './parse-nic.js';
import { validateNics } from './validate-nics.js';
import type { NicSpec, RandomSource } from './types.js';

/** Parses, cross-validates and completes every --nic value; warnings are one line each. */
export function planNics(values: readonly string[], random?: RandomSource): { nics: NicSpec[]; warnings: string[] } {
  const parsed = values.map(parseNicOption);
  const nics = parsed.map((p) => p.nic);
  validateNics(nics);
  return { nics: assignMacs(nics, random), warnings: parsed.flatMap((p) => p.warnings) };
}
