// Which guestfs-tools mechanism carries the registration: the --sm-* options where the installed
// tool still has them (guestfs-tools < 1.56) and they can express the request, else a private
// script passed with --run.
import { toolHas } from '@rejviz/core';
import type { RhsmAttach, RhsmAuth } from './types.js';

export type Mechanism = 'sm-options' | 'script';

/**
 * 'sm-options' for a login without --rhsm-org on a tool with --sm-credentials/--sm-register (and
 * --sm-attach when attaching); 'script' otherwise: --sm-credentials takes only USER:PASSWORD, so
 * an activation key or an organization always goes through the script.
 */
export function chooseMechanism(auth: Pick<RhsmAuth, 'kind' | 'org'>, attach: RhsmAttach | null, version: string): Mechanism {
  if (auth.kind !== 'password' || auth.org !== null) return 'script';
  const kinds = ['sm-credentials', 'sm-register', ...(attach ? ['sm-attach' as const] : [])] as const;
  return kinds.every((k) => toolHas(k, version)) ? 'sm-options' : 'script';
}

/** True when the installed tool still has --sm-unregister (else a --run-command does it). */
export function hasSmUnregister(version: string): boolean {
  return toolHas('sm-unregister', version);
}
