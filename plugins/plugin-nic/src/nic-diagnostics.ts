// Collects the errors and warnings for one --nic value, each prefixed with the NIC it is about.

import { UsageError } from '@rejviz/core';

/** Quotes a user-supplied value for a one-line message; control characters are shown as \xNN. */
export function shown(value: string): string {
  const escaped = value.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `'${escaped}'`;
}

/** Names the NIC in messages: by name once it is known and valid, else by the raw option value. */
export function nicLabel(name: string | undefined, raw: string): string {
  return name === undefined ? `--nic ${shown(raw)}` : `--nic ${name}`;
}

/** Raises UsageErrors and records warnings for one NIC. */
export class NicDiagnostics {
  readonly warnings: string[] = [];
  constructor(public label: string) {}

  /** Stops parsing with a one-line usage error naming this NIC. */
  fail(message: string): never {
    throw new UsageError(`${this.label}: ${message}`);
  }

  /** Records a one-line warning naming this NIC. */
  warn(message: string): void {
    this.warnings.push(`${this.label}: ${message}`);
  }
}
