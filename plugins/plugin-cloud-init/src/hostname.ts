// Host names for the guest (meta-data local-hostname, user-data hostname): RFC 1123 §2.1.

import { shown, UsageError } from '@rejviz/core';
import { OPTIONS } from './option-names.js';

/** Why `name` is not an RFC 1123 host name, or undefined when it is one. */
export function hostnameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > 253) return `it has ${name.length} characters, at most 253 are allowed`;
  for (const label of name.split('.')) {
    if (label.length === 0) return 'it has an empty label (a leading, trailing or double dot)';
    if (label.length > 63) return `a label has ${label.length} characters, at most 63 are allowed`;
    if (!/^[A-Za-z0-9-]+$/.test(label)) return `label ${shown(label)} has characters other than letters, digits and '-'`;
    if (label.startsWith('-') || label.endsWith('-')) return `label ${shown(label)} starts or ends with '-'`;
  }
  // RFC 1123 keeps host names distinguishable from dotted-decimal addresses.
  if (/^[0-9.]+$/.test(name)) return 'it is all digits and dots, which reads as a number or an IPv4 address';
  return undefined;
}

/** Checks an RFC 1123 host name (dot-separated labels of 1-63 letters, digits and '-', ≤ 253 chars). */
export function validateHostname(name: string, option: string = OPTIONS.hostname): string {
  const problem = hostnameProblem(name);
  if (problem !== undefined) {
    throw new UsageError(
      `${option} ${shown(name)}: not a valid host name (${problem}); use dot-separated labels of letters, digits and '-', e.g. web-1 or web-1.example.com`,
    );
  }
  return name;
}
