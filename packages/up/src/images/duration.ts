// --older-than DURATION: a whole number and a unit, as find -mtime and docker's --filter until
// take ages: 90s, 30m, 12h, 7d, 2w.
import { shown, UsageError } from '@rejviz/core';

const UNIT: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** The duration in seconds; a one-line error naming the option otherwise. */
export function parseDuration(text: string, option = '--older-than'): number {
  const m = /^(\d{1,9})([smhdw])$/.exec(text.trim());
  if (!m) throw new UsageError(`${option} ${shown(text)}: not a duration; give a whole number and a unit (s, m, h, d, w), e.g. ${option} 7d`);
  return Number(m[1]) * UNIT[m[2]!]!;
}
