// Checks that the installed tool accepts every operation, before anything runs.
import { UsageError } from './errors.js';
import { opSpec, type GuestTool } from './op-table.js';
import type { Op } from './ops.js';
import { compareVersions } from './version.js';

/** Throws a usage error naming the first operation the installed tool version lacks. */
export function checkOpsSupported(ops: readonly Op[], tool: GuestTool, version: string): void {
  for (const op of ops) {
    const spec = opSpec(op.kind);
    if (spec.since && compareVersions(version, spec.since) < 0) {
      throw new UsageError(`${spec.flag} (asked for by ${op.origin}) needs ${tool} >= ${spec.since}, but ${version} is installed; upgrade guestfs-tools`);
    }
    if (spec.until && compareVersions(version, spec.until) > 0) {
      throw new UsageError(`${spec.flag} (asked for by ${op.origin}) was removed after guestfs-tools ${spec.until}; ${tool} ${version} is installed`);
    }
  }
}

/** True when the installed version still has the option of this operation kind. */
export function toolHas(kind: Op['kind'], version: string): boolean {
  const spec = opSpec(kind);
  return !(spec.since && compareVersions(version, spec.since) < 0) && !(spec.until && compareVersions(version, spec.until) > 0);
}
