// cloudInit.fastBoot of a template profile: the nearest profile of its extends chain that says
// wins, default true. On, the template's build trims its cloud-init (plugin-cloud-init's
// fast-boot.ts) and the template's digest holds that change's own digest; off, the key is absent,
// so the digest is the one the profile had before fast boot existed (its images stay cached).
import { FAST_BOOT_DIGEST } from '@rejviz/plugin-cloud-init';
import type { LabTemplate, TemplateEntry } from './lab-types.js';

/** The LabTemplate key for the chain: `{ cloudInitFastBoot }` when fast boot is on, else nothing. */
export function templateFastBoot(chain: readonly [string, TemplateEntry][]): Pick<LabTemplate, 'cloudInitFastBoot'> {
  const said = [...chain].reverse().find(([, entry]) => entry.cloudInit?.fastBoot !== undefined)?.[1].cloudInit?.fastBoot;
  return said === false ? {} : { cloudInitFastBoot: FAST_BOOT_DIGEST };
}
