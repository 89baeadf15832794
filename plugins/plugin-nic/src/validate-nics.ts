// Cross-NIC validation of a whole --nic list (docs/network-formats.md#bad-nic-input, rows 8, 9 and
// 22): core's rules, with --nic words.

import { UsageError } from '@rejviz/core';
import { checkNicSet } from '@rejviz/core/nic';
import { nicOptionWords } from './nic-words.js';
import type { ParsedNic } from './types.js';

/** Throws UsageError when two NICs share a name or a MAC, or more than one owns a default route. */
export function validateNics(nics: readonly ParsedNic[]): void {
  checkNicSet(nics.map((nic, i) => ({ nic, words: nicOptionWords(nic.name, i) })), (message) => {
    throw new UsageError(message);
  });
}
