// The data shapes shared by the --nic parser, the MAC helpers and the per-format renderers.
import type { NicConfig } from '@rejviz/core/nic';

/** How a NIC gets its IPv4 configuration; one address with its prefix (core's NIC shapes). */
export type { Bootproto, IpAddress } from '@rejviz/core/nic';

/** A --nic value after parsing and validation by core's NIC rules; `mac` is absent when the user gave no hwaddr. */
export type ParsedNic = NicConfig;

/** A fully planned NIC: validated, normalised, with a MAC (lowercase, colon-separated). */
export interface NicSpec extends ParsedNic {
  mac: string;
  /** true when rejviz generated the MAC; callers print it so the domain definition can use it. */
  macGenerated: boolean;
}

/** A file to create in the guest image (core's type: files become write/chmod operations). */
export type { GuestFile } from '@rejviz/core';
/** Owners a guest file may have; everything rejviz writes for networking is root's. */
export type GuestFileOwner = 'root';

/** The guest network configuration formats rejviz can write. */
export type { NicFormat } from './nic-formats.js';

/** Source of random bytes for MAC generation; node:crypto randomBytes by default, injectable for tests. */
export type RandomSource = (size: number) => Uint8Array;
