// Writes KEY=VALUE lines for ifcfg files, which initscripts *sources* as root at boot.

import { assert } from '@rejviz/core';

// Characters that mean nothing to a shell and stay unquoted, as NetworkManager's svEscape leaves them.
const BARE = /^[A-Za-z0-9._:/%-]*$/;

/** One shell assignment; values outside the safe set are double-quoted with "\$` escaped. */
export function shellAssignment(key: string, value: string): string {
  // Every value comes from validated input; a control character here is a bug, not user error.
  assert(!/[\u0000-\u001f\u007f]/.test(value), `control character in ifcfg value for ${key}`);
  if (BARE.test(value)) return `${key}=${value}`;
  return `${key}="${value.replace(/["\\$`]/g, '\\$&')}"`;
}
