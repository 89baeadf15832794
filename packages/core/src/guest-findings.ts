// What rejviz-peek found in a guest and hands to the judgeGuest and describeNetwork hooks, and the
// verdicts taps give back. The types live in core so that plugin-mac-match (MAC verdicts),
// plugin-nic (the guest's network format) and third-party plugins judge the same findings without
// importing rejviz-peek.
import type { GuestNicConfig } from './guest-config/index.js';
import type { GuestFacts } from './inspect/guest-facts.js';

/** A NIC the guest should find: one of the domain's interfaces, or a manifest NIC. */
export interface ExpectedNic {
  mac: string | null;
  /** How to name it in messages: "the domain's NIC #1 (network rejviz-isolated)", "manifest NIC eth0". */
  label: string;
}

/** One judgement: ok, a warning, or an error (an error makes rejviz-peek exit 1). */
export interface Verdict {
  level: 'ok' | 'warning' | 'error';
  /** A stable name for the kind of finding, e.g. 'mac-changed' (lowercase, '-' between words). */
  kind: string;
  mac: string | null;
  /** The guest's interface name, when known. */
  name: string | null;
  message: string;
}

/** What was read, for the taps of judgeGuest. */
export interface GuestFindings {
  /** Every NIC configuration read: the guest's files, then attached seeds'. */
  configs: readonly GuestNicConfig[];
  /** The NICs the guest should configure (a domain's, a manifest's); null for bare images. */
  expected: readonly ExpectedNic[] | null;
  /** False when only the domain's XML was read (--no-guest): configs is then empty. */
  guestRead: boolean;
  /** The guest's OS and network stacks; null when the guest was not read. */
  facts: GuestFacts | null;
}

/** Which network configuration the guest reads, for the report. */
export interface NetworkDescription {
  /** The stacks found, as describeStacks words them. */
  stacks: string;
  /** The format rejviz would write for it; null when it cannot tell. */
  format: string | null;
  why: string;
}
