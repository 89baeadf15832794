// The lab file as written (what schemas/lab.schema.json accepts) and the lab it resolves to.
import type { Digest, ImageSpec } from '@rejviz/images';

/** MiB as a number, or a number with a unit (512M, 2G, 1.5G, 1T). */
export type SizeText = number | string;

export interface NicEntry {
  network: string;
  address?: string;
  mac?: string;
  gateway?: string;
}

export interface DiskEntry {
  size: SizeText;
  format?: 'qcow2' | 'raw';
}

/** What defaults:, a template profile and a machine may all set (machine over profile over defaults). */
export interface MachineSettings {
  template?: string;
  memory?: SizeText;
  vcpus?: number;
  disk?: SizeText;
  disks?: DiskEntry[];
  nics?: NicEntry[];
  groups?: string[];
  userData?: Record<string, unknown>;
  seed?: boolean;
  management?: boolean;
  plugins?: Record<string, Record<string, unknown>>;
}

export interface TemplateEntry extends Omit<MachineSettings, 'template'> {
  base?: string;
  /** A cloud image instead of a virt-builder base: a catalogue key or an https://, http://, file:// URL. */
  image?: string;
  /** The image's digest pinned by hand: sha256:HEX or sha512:HEX. */
  checksum?: string;
  /** Take the image even when nothing verifies it (recorded and shown as unverified). */
  insecureUnverified?: boolean;
  extends?: string;
  size?: SizeText;
  packages?: string[];
  run?: string[];
  runCommand?: string[];
  firstbootCommand?: string[];
  /** Playbook files, relative to the lab file's directory, run on the template before sysprep. */
  playbooks?: string[];
  sysprep?: boolean | string[];
  network?: boolean;
  buildPlugins?: Record<string, Record<string, unknown>>;
  /** fastBoot: false keeps the image's cloud-init as it is (plugin-cloud-init's fast-boot.ts). */
  cloudInit?: { fastBoot?: boolean };
}

export interface NetworkEntry {
  existing?: string;
  subnet?: string;
  gateway?: string;
  dns?: string[];
}

export interface MachineEntry extends MachineSettings {
  name: string;
  count?: number;
  hostname?: string;
}

/** The lab file's data after ${NAME} expansion, as the schema accepts it. */
export interface LabFileData {
  name: string;
  vars?: Record<string, string | number | boolean>;
  defaults?: MachineSettings;
  templates?: Record<string, TemplateEntry>;
  networks?: Record<string, NetworkEntry>;
  machines: MachineEntry[];
  /** Playbook files, relative to the lab file's directory. */
  playbooks?: string[];
  /** Lab-wide plugin sections, by plugin. */
  plugins?: Record<string, Record<string, unknown>>;
}

/** A template profile with its extends chain applied: what is built once and cloned. */
export interface LabTemplate {
  name: string;
  /** The virt-builder template; for a cloud image template, the image's source as the file names it. */
  base: string;
  /** The cloud image it is built from (image: in the profile); null: built by virt-builder from `base`. */
  image: LabImage | null;
  sizeMiB: number | null;
  packages: string[];
  run: string[];
  runCommand: string[];
  firstbootCommand: string[];
  /** Playbooks run on the template when it is built (its parents' first), in order. */
  playbooks: TemplatePlaybook[];
  /** null: no sysprep; []: virt-sysprep's default operations; else these operations. */
  sysprep: string[] | null;
  /** Whether the build appliance has a network (false: virt-builder --no-network). Not content: not in the digest. */
  buildNetwork: boolean;
  buildPlugins: Record<string, Record<string, unknown>>;
  /** Present when the build trims the template's cloud-init (cloudInit.fastBoot): that change's digest, part of the template's. */
  cloudInitFastBoot?: string;
  /** How long the build waits for the VM that runs the playbooks to be ready (plugins.ssh.timeout). Not content: not in the digest. */
  provisionTimeoutSeconds: number;
}

/** A template's cloud image: what to fetch and how it must be verified (docs/images.md). */
export interface LabImage {
  /** As the lab file names it: a catalogue key or a URL. */
  source: string;
  /** Every URL filled in (pure: nothing fetched yet). */
  spec: ImageSpec;
  /** checksum: the digest pinned by hand (the lab file's, or this run's --checksum); null without. */
  checksum: Digest | null;
  /** Present when this run's --checksum overrode it: the lab file's own pin (part of the profile; the flag's is not). */
  checksumInFile?: Digest | null;
  /** insecureUnverified: true. */
  insecureUnverified: boolean;
}

/** A template playbook: where the lab file names it, the file, and a digest of its content. */
export interface TemplatePlaybook {
  /** As the lab file has it (relative to its directory, or absolute). */
  file: string;
  /** The profile and index it is written at: templates.PROFILE.playbooks[INDEX]. */
  profile: string;
  index: number;
  /** Absolute path. */
  path: string;
  /** sha256 of the file's bytes, hex: what the template's digest holds of it; null when not read (loadLab's checkFiles: false). */
  sha256: string | null;
}

/** A subnet: its network address and prefix length. */
export interface LabSubnet {
  address: string;
  prefix: number;
  family: 4 | 6;
}

export interface LabNetwork {
  /** The key under networks:. */
  name: string;
  /** The libvirt network: `existing`, or LAB_KEY for one rejviz-up creates isolated. */
  libvirtName: string;
  create: boolean;
  subnet: LabSubnet | null;
  gateway: string | null;
  dns: string[];
  /** The host's own address on an existing network (libvirt's <ip address=>): never a machine's. */
  hostAddress: string | null;
  /** An existing network's DHCP ranges: static and automatic addresses stay out of them. */
  dhcpRanges: { start: string; end: string }[];
  /** An existing network's DHCP reservations (<host ip= mac=>): their addresses and MACs are another guest's. */
  dhcpHosts: { ip: string; mac: string | null; name: string | null }[];
}

/** How a NIC gets its address: a fixed one, the next free one of the subnet, or DHCP. */
export type LabAddress = { kind: 'static'; address: string; prefix: number } | { kind: 'auto' } | { kind: 'dhcp' };

export interface LabNic {
  network: string;
  address: LabAddress;
  /** Lowercase colon form; null: generated once and kept with the lab. */
  mac: string | null;
  gateway: string | null;
}

export interface LabDisk {
  sizeMiB: number;
  format: 'qcow2' | 'raw';
}

export interface LabMachine {
  name: string;
  hostname: string;
  template: string;
  memoryMiB: number;
  vcpus: number;
  /** The system disk's size; null: the template's. */
  diskMiB: number | null;
  disks: LabDisk[];
  nics: LabNic[];
  groups: string[];
  userData: Record<string, unknown>;
  /** Whether it gets a NoCloud seed (seed: false: none, for images without cloud-init). */
  seed: boolean;
  /** Whether it gets a management NIC (user-mode, restricted, ssh forwarded from 127.0.0.1). */
  management: boolean;
  plugins: Record<string, Record<string, unknown>>;
  /** Where the machine is in the file (machines[INDEX]), for messages. */
  entry: number;
}

/** A lab file, resolved: inheritance applied, count expanded, sizes in MiB, every reference checked. */
export interface Lab {
  name: string;
  templates: LabTemplate[];
  networks: LabNetwork[];
  machines: LabMachine[];
  /** The lab-wide plugin sections, `playbooks:` resolved into `ansible.playbooks` (absolute paths). */
  plugins: Record<string, Record<string, unknown>>;
}
