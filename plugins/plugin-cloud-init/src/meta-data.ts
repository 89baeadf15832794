// The NoCloud `meta-data` file.

import { yamlScalar as y } from '@rejviz/core';
import { validateInstanceId } from './instance-id.js';
import { validateHostname } from './hostname.js';

/** What meta-data holds. Without a hostname cloud-init keeps the image's own (or the domain's). */
export interface MetaDataInput {
  instanceId: string;
  hostname?: string | null;
  /**
   * 'local': cloud-init applies the whole seed in its local stage, before the network (its
   * init-network stage then exits at once); a cdrom seed needs no network. Default: cloud-init's
   * own, net.
   */
  dsmode?: 'local';
}

/** Renders meta-data: `instance-id: ID` and, when given, `local-hostname: NAME` and `dsmode: local`. */
export function renderMetaData({ instanceId, hostname, dsmode }: MetaDataInput): string {
  const lines = [`instance-id: ${y(validateInstanceId(instanceId))}`];
  if (hostname !== undefined && hostname !== null) lines.push(`local-hostname: ${y(validateHostname(hostname))}`);
  if (dsmode === 'local') lines.push('dsmode: local');
  return `${lines.join('\n')}\n`;
}
