// virt-install refuses a MAC that any defined domain (running or shut off) already uses ("The MAC
// address '…' is in use by another virtual machine"); finding it first names the NIC and the domain.

import { UsageError } from '@rejviz/core';
import type { DefinedDomain } from './types.js';

/** A MAC the plan will give a NIC, and how to name that NIC in a message. */
export interface PlannedMac {
  mac: string;
  /** e.g. "NIC eth1" or "--network bridge=br0,mac=…". */
  label: string;
  /** How to get another MAC for this NIC. */
  fix: string;
}

/** One collision: the planned MAC and the domain already using it. */
export interface MacInUse extends PlannedMac {
  domain: string;
}

/** Every planned MAC that another defined domain already uses, in plan order. */
export function macsInUse(planned: readonly PlannedMac[], otherDomains: readonly DefinedDomain[]): MacInUse[] {
  const owner = new Map<string, string>();
  for (const domain of otherDomains) {
    for (const nic of domain.interfaces) if (nic.mac !== null && !owner.has(nic.mac)) owner.set(nic.mac, domain.name);
  }
  return planned.flatMap((entry) => {
    const domain = owner.get(entry.mac);
    return domain === undefined ? [] : [{ ...entry, domain }];
  });
}

/** The one-line message for a collision (and how many more there are). */
export function macInUseMessage(hit: MacInUse, more: number): string {
  const others = more > 0 ? ` (and ${more} more MAC${more > 1 ? 's' : ''} in use)` : '';
  return `${hit.label}: MAC ${hit.mac} is in use by domain '${hit.domain}'${others}; ${hit.fix}, or undefine '${hit.domain}'`;
}

/** Throws a UsageError for the first collision, if any. */
export function assertMacsFree(planned: readonly PlannedMac[], otherDomains: readonly DefinedDomain[]): void {
  const [first, ...rest] = macsInUse(planned, otherDomains);
  if (first !== undefined) throw new UsageError(macInUseMessage(first, rest.length));
}
