// The recorded libvirt XML (fixtures/libvirt/, see record.sh there): read by core's XML readers'
// tests and plugin-mac-match's planners' tests, so it lives here rather than in either.
import { readFileSync } from 'node:fs';

// Compiled to dist/src; the fixtures stay in the source tree.
const FIXTURES = new URL('../../fixtures/libvirt/', import.meta.url);

/** The text of one recorded libvirt XML file, e.g. `libvirtFixture('default-network.xml')`. */
export function libvirtFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}
