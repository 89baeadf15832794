// The registration script run inside the guest by `virt-customize --run SCRIPT`: virt-customize
// reads it on the host and runs it with /bin/sh in the guest, so only the script's path is in
// any argv. Every value is single-quoted for the shell.
import type { RhsmAttach, RhsmAuth } from './types.js';

/** A value as one POSIX shell word: always single-quoted, embedded quotes as '\''. */
export function shQuote(value: string): string {
  if (value.includes('\0')) throw new Error('Assertion failed: a shell word cannot contain a NUL byte');
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The `subscription-manager register ...` line for one way of registering. */
export function registerCommand(auth: RhsmAuth): string {
  const args =
    auth.kind === 'activation-key'
      ? [`--org=${shQuote(auth.org)}`, `--activationkey=${shQuote(auth.key)}`]
      : [...(auth.org !== null ? [`--org=${shQuote(auth.org)}`] : []), `--username=${shQuote(auth.user)}`, `--password=${shQuote(auth.password)}`];
  return ['subscription-manager register', ...args].join(' ');
}

/** The `subscription-manager attach ...` line. */
export function attachCommand(attach: RhsmAttach): string {
  return attach.kind === 'auto' ? 'subscription-manager attach --auto' : `subscription-manager attach --pool=${shQuote(attach.id)}`;
}

/** The whole script: register, then attach when asked (null when attach is skipped). */
export function renderRegisterScript(auth: RhsmAuth, attach: RhsmAttach | null): string {
  return [
    '#!/bin/sh',
    '# Written by rejviz plugin-rhsm for virt-customize --run; deleted when the run ends.',
    'set -e',
    registerCommand(auth),
    ...(attach ? [attachCommand(attach)] : []),
    '',
  ].join('\n');
}
