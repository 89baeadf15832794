// What a successful rejviz-builder build prints for humans (dry-run output is shared, in cli).
import type { ImageManifest } from '@rejviz/core';
import { nicLine } from '@rejviz/cli';

/** The result of a build, for humans. */
export function resultText(m: ImageManifest): string {
  const lines = [`built ${m.image} (${m.format}) from ${m.template}${m.osinfo ? ` [${m.osinfo}]` : ''}`];
  if (m.nics.length > 0) lines.push(`nics (${m.nicFormat}):`, ...m.nics.map((n) => `  ${nicLine(n)}`));
  return `${lines.join('\n')}\n`;
}
