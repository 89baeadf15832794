// The typed values of plugin-nic's options, from the command line or from data (core's
// option-values.ts calls these through the option declarations in plugin.ts, lazily).
import { UsageError, type OptionSource } from '@rejviz/core';
import { NIC_FORMATS as FORMATS } from './nic-formats.js';
import { planNics, type NicInput } from './plan-nics.js';
import type { NicFormat, NicSpec } from './types.js';


/** --nic (repeated) or `nics: [...]`: the planned NICs, MACs filled in; warnings go to `source`. */
export function nicsValue(value: unknown, source: OptionSource): NicSpec[] {
  const { nics, warnings } = planNics(value as NicInput[], undefined, source.label);
  warnings.forEach((w) => source.warn(w));
  return nics;
}

/** --nic-format: auto or one of FORMATS. */
export function nicFormatValue(value: unknown, source: OptionSource): NicFormat | 'auto' {
  if (value === 'auto' || FORMATS.includes(value as NicFormat)) return value as NicFormat | 'auto';
  throw new UsageError(`${source.label} '${String(value)}' is not known; use auto, ${FORMATS.join(', ')}`);
}
