// Which network configuration a guest reads, for rejviz-peek's report (the describeNetwork hook):
// the stacks found and the format plugin-nic would write for them, or why it cannot tell.
import { describeStacks, type GuestFacts, type NetworkDescription } from '@rejviz/core';
import { formatForGuest } from './format-for-guest.js';

/** The guest's network stacks and the format they read. */
export function describeNetwork(facts: GuestFacts): NetworkDescription {
  const stacks = describeStacks(facts);
  try {
    const { format, why } = formatForGuest(facts);
    return { stacks, format, why };
  } catch (err) {
    // formatForGuest refuses (a UsageError for --nic-format auto) what a report only describes.
    return { stacks, format: null, why: (err as Error).message };
  }
}
