// The NoCloud `meta-data` file.

import { yamlScalar as y } from '@rejviz/core';
import { validateInstanceId } from './instance-id.js';
import { validateHostname } from './hostname.js';

/** What meta-data holds. Without a hostname cloud-init keeps the image's own (or the domain's). */
export interface MetaDataInput {
  instanceId: string;
  hostname?: string | null;
}

/** Renders meta-data: `instance-id: ID` and, when a hostname is given, `local-hostname: NAME`. */
export function renderMetaData({ instanceId, hostname }: MetaDataInput): string {
  const lines = [`instance-id: ${y(validateInstanceId(instanceId))}`];
  if (hostname !== undefined && hostname !== null) lines.push(`local-hostname: ${y(validateHostname(hostname))}`);
  return `${lines.join('\n')}\n`;
}
