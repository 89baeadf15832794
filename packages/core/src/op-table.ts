// One table keyed by operation kind drives rendering, tool/version support, help text and
// docs/operations.md (a test fails when the committed doc drifts from this table).
import { octalMode } from './guest-file.js';
import type { Op, OpKind, OpOf } from './ops.js';

/** The libguestfs tools that take customize operations. */
export type GuestTool = 'virt-builder' | 'virt-customize' | 'virt-sysprep';
export const GUEST_TOOLS: readonly GuestTool[] = ['virt-builder', 'virt-customize', 'virt-sysprep'];

export interface OpSpec<K extends OpKind> {
  /** The tool option the operation renders to. */
  flag: string;
  /** One line for help and docs/operations.md. */
  summary: string;
  /** First guestfs-tools version that has the option. */
  since?: string;
  /** Last guestfs-tools version that has it (the --sm-* options were removed in 1.56). */
  until?: string;
  render: (op: OpOf<K>) => string;
  /**
   * For options whose value can hold a secret: the value as it may be shown (in --dry-run, a
   * manifest's command, --verbose, an error), the secret part replaced (secret-args.ts).
   */
  redact?: (value: string) => string;
}

type Table = { [K in OpKind]: OpSpec<K> };

const SM_UNTIL = '1.55.1';

/** The text shown in place of a secret. */
export const REDACTED = '<redacted>';

/**
 * A guestfs-tools password selector with its secret hidden: `password:SECRET` (also after
 * `locked:`) becomes `password:<redacted>`; file:, random, disabled ... carry none.
 */
export function redactSelector(selector: string): string {
  return selector.replace(/^((?:locked:)?password:).*$/s, `$1${REDACTED}`);
}

/** `USER:SELECTOR` (--password, --sm-credentials) with the selector's secret hidden. */
export function redactAfterUser(value: string): string {
  const colon = value.indexOf(':');
  return colon < 0 ? value : `${value.slice(0, colon + 1)}${redactSelector(value.slice(colon + 1))}`;
}

export const OP_TABLE: Table = {
  write: { flag: '--write', summary: 'Write a file (FILE:CONTENT; FILE cannot contain ":")', render: (o) => `${o.path}:${o.content}` },
  mkdir: { flag: '--mkdir', summary: 'Create a directory (and its parents)', render: (o) => o.path },
  upload: { flag: '--upload', summary: 'Copy a local file into the guest (keeps its mode and owner)', render: (o) => `${o.source}:${o.dest}` },
  chmod: { flag: '--chmod', summary: 'Change the permissions of a file (octal, leading 0)', render: (o) => `${octalMode(o.mode)}:${o.path}` },
  delete: { flag: '--delete', summary: 'Delete a file or directory (recursively)', render: (o) => o.path },
  link: { flag: '--link', summary: 'Create symbolic links (TARGET:LINK[:LINK..])', render: (o) => [o.target, ...o.links].join(':') },
  'run-command': { flag: '--run-command', summary: 'Run a shell command in the image (guest arch only)', render: (o) => o.command },
  run: { flag: '--run', summary: 'Run a local script in the image (only its path is in argv)', render: (o) => o.script },
  'firstboot-command': { flag: '--firstboot-command', summary: 'Run a command at the first guest boot', render: (o) => o.command },
  hostname: { flag: '--hostname', summary: 'Set the hostname', render: (o) => o.hostname },
  'root-password': { flag: '--root-password', summary: 'Set the root password (selector; never password:)', render: (o) => o.selector, redact: (v) => redactSelector(v) },
  'ssh-inject': { flag: '--ssh-inject', summary: 'Inject a public key for a user', render: (o) => (o.keyFile ? `${o.user}:file:${o.keyFile}` : o.user) },
  install: { flag: '--install', summary: 'Install packages (needs guest network)', render: (o) => o.packages.join(',') },
  'sm-credentials': { flag: '--sm-credentials', summary: 'subscription-manager credentials (USER:file:PATH)', until: SM_UNTIL, render: (o) => o.selector, redact: (v) => redactAfterUser(v) },
  'sm-register': { flag: '--sm-register', summary: 'Register with subscription-manager', until: SM_UNTIL, render: () => '' },
  'sm-attach': { flag: '--sm-attach', summary: 'Attach a subscription (auto | pool:ID)', until: SM_UNTIL, render: (o) => o.selector },
  'sm-remove': { flag: '--sm-remove', summary: 'Remove all subscriptions', until: SM_UNTIL, render: () => '' },
  'sm-unregister': { flag: '--sm-unregister', summary: 'Unregister from subscription-manager', until: SM_UNTIL, render: () => '' },
};

/** The spec of one operation kind. */
export function opSpec<K extends OpKind>(kind: K): OpSpec<K> {
  return OP_TABLE[kind] as OpSpec<K>;
}

/** Options that take no argument. */
const FLAG_ONLY = new Set<OpKind>(['sm-register', 'sm-remove', 'sm-unregister']);

/** argv for one operation, e.g. ['--chmod', '0600:/etc/x']. */
export function renderOp(op: Op): string[] {
  const spec = opSpec(op.kind) as OpSpec<typeof op.kind>;
  if (FLAG_ONLY.has(op.kind)) return [spec.flag];
  return [spec.flag, (spec.render as (o: Op) => string)(op)];
}

/** argv for a plan's operations around the user's own arguments: [first ops, user args, the rest]. */
export function renderAround(ops: readonly Op[], userArgs: readonly string[]): string[] {
  const first = ops.filter((o) => o.placement === 'first');
  const rest = ops.filter((o) => o.placement !== 'first');
  return [...first.flatMap(renderOp), ...userArgs, ...rest.flatMap(renderOp)];
}
