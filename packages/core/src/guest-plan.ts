// The plan of one guest-modifying tool run (virt-builder, virt-customize or virt-sysprep), as it
// flows through the planGuest hook: plugins append operations and files, record NICs for the
// manifest, and add warnings.
import type { GuestFile } from './guest-file.js';
import { octalMode } from './guest-file.js';
import type { GuestTool } from './op-table.js';
import type { Op } from './ops.js';
import type { ManifestNic } from './manifest.js';
import { posix } from 'node:path';

export interface GuestPlan {
  tool: GuestTool;
  /** osinfo short id of the guest when known (template index or inspection), e.g. centos7.0. */
  osinfo: string | null;
  ops: Op[];
  /** Every file the plugins write, for --dry-run (the ops that write them are in `ops`). */
  files: (GuestFile & { origin: string })[];
  nics: ManifestNic[];
  nicFormat: string | null;
  warnings: string[];
  /** Local paths rejviz deletes as soon as the tool has run (private temp files); see cleanup.ts. */
  cleanup: string[];
  /** Plugins that hand the tool a secret (e.g. 'plugin-rhsm'): debugging and tracing are refused. */
  secretsFrom: string[];
  /** virt-sysprep operations that would undo the plan and must be off (e.g. rh-subscription-manager). */
  sysprepDisable: string[];
}

/** An empty plan for a tool. */
export function emptyGuestPlan(tool: GuestTool, osinfo: string | null): GuestPlan {
  return { tool, osinfo, ops: [], files: [], nics: [], nicFormat: null, warnings: [], cleanup: [], secretsFrom: [], sysprepDisable: [] };
}

/**
 * Appends files as operations: mkdir of the parent (idempotent), write (root-owned), chmod
 * (--write keeps an existing file's mode, so the mode is always set explicitly).
 */
export function addGuestFiles(plan: GuestPlan, files: readonly GuestFile[], origin: string): GuestPlan {
  const ops: Op[] = [];
  const made = new Set(plan.ops.filter((o) => o.kind === 'mkdir').map((o) => (o as { path: string }).path));
  for (const f of files) {
    if (f.path.includes(':')) throw new Error(`Assertion failed: guest path ${f.path} contains ':' (virt-customize --write splits there)`);
    const dir = posix.dirname(f.path);
    if (!made.has(dir)) {
      ops.push({ kind: 'mkdir', path: dir, origin });
      made.add(dir);
    }
    ops.push({ kind: 'write', path: f.path, content: f.content, origin }, { kind: 'chmod', mode: f.mode, path: f.path, origin });
  }
  return { ...plan, ops: [...plan.ops, ...ops], files: [...plan.files, ...files.map((f) => ({ ...f, origin }))] };
}

/** A one-line description of a guest file for human output. */
export function describeFile(f: GuestFile): string {
  return `${f.path} (mode ${octalMode(f.mode)}, ${f.owner}:${f.owner})`;
}
