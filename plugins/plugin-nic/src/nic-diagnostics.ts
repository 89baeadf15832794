// Collects the errors and warnings for one --nic value, each prefixed with the NIC it is about.

import { shown, UsageError } from '@rejviz/core';
import type { NicReport } from '@rejviz/core/nic';

/** Names the NIC in messages: by name once it is known and valid, else by the raw option value. */
export function nicLabel(name: string | undefined, raw: string): string {
  return name === undefined ? `--nic ${shown(raw)}` : `--nic ${name}`;
}

/** Raises UsageErrors and records warnings for one NIC (the report core's NIC rules write to). */
export class NicDiagnostics implements NicReport {
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
