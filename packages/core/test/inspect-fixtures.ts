// Recorded guestfish output of probeScript() on the project's fixture images (fixtures/guest-probes).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The recorded probes: debian-12, its NM- and networkd-enabled copies, and tiny-centos7. */
export const PROBE_FIXTURES = ['debian-12', 'debian-12-nm-enabled', 'debian-12-networkd-enabled', 'tiny-centos7'] as const;
export type ProbeFixture = (typeof PROBE_FIXTURES)[number];

const DIR = fileURLToPath(new URL('../../../../fixtures/guest-probes/', import.meta.url));

/** The text of one recorded probe (its first line names the guestfish version). */
export function recordedProbe(name: ProbeFixture): string {
  return readFileSync(`${DIR}${name}.txt`, 'utf8');
}
