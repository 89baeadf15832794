// The plan of one virt-install run, as it flows through the planInstall hook: the user's
// virt-install arguments (untouched, in order) plus what plugins add (domain NICs, a cloud-init
// seed, the TCG fallback), each addition recorded with the plugin that made it.
import type { ManifestNic } from './manifest.js';

/** A NIC the domain gets for one of the image's NICs (or an extra one the user gave). */
export interface InstallNic {
  /** The guest's name for it (eth0), or null for a NIC the image does not configure. */
  guestName: string | null;
  mac: string;
  /** The libvirt network, or null when it is attached some other way (bridge=, user). */
  network: string | null;
  /** Why this network: 'option' (--nic-network), 'subnet', 'default', 'user' (their --network). */
  source: string;
}

/** One file of a NoCloud seed (meta-data, user-data, network-config; rejviz's first boot adds its own). */
export interface SeedFile {
  name: string;
  content: string;
  /** What --dry-run and --json print instead of content, when content may hold secrets. */
  shown?: string;
}

/** A NoCloud seed to write as an ISO 9660 volume labelled cidata and attach as a cdrom. */
export interface SeedPlan {
  files: SeedFile[];
  /** The storage pool the volume goes to (the disk's pool, or the one asked for). */
  pool: string;
  /** The volume's name in that pool. */
  volume: string;
  origin: string;
}

/** Arguments a plugin (or core) added, for --dry-run and errors. */
export interface AddedArgs {
  origin: string;
  args: string[];
  /** What they are for, one line. */
  why: string;
}

export interface InstallPlan {
  /** virt-install's argv: the user's tokens in order (a plugin may take over some), then the added ones. */
  args: string[];
  added: AddedArgs[];
  /** The domain's name (--name). */
  domain: string;
  /** --connect, or null for libvirt's default connection. */
  uri: string | null;
  /** The image's NICs in guest order. */
  imageNics: ManifestNic[];
  /** Where imageNics came from: 'manifest FILE', 'inspection of IMG', or 'none'. */
  nicSource: string;
  nics: InstallNic[];
  seed: SeedPlan | null;
  warnings: string[];
  /** One-line notices (decisions the user should know of, such as the TCG fallback). */
  notices: string[];
}

/** A plan holding just the user's arguments. */
export function emptyInstallPlan(args: readonly string[], domain: string, uri: string | null, imageNics: ManifestNic[], nicSource: string): InstallPlan {
  return { args: [...args], added: [], domain, uri, imageNics, nicSource, nics: [], seed: null, warnings: [], notices: [] };
}

/** Appends arguments to the plan, recording who added them and why. */
export function addInstallArgs(plan: InstallPlan, origin: string, args: readonly string[], why: string): InstallPlan {
  if (args.length === 0) return plan;
  return { ...plan, args: [...plan.args, ...args], added: [...plan.added, { origin, args: [...args], why }] };
}
