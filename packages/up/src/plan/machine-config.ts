// What a machine is made of, as one comparable value: what the lab file and the allocation ask
// for. It is kept in the domain's metadata with its digest; a machine whose desired config has
// another digest is replaced, and the keys that differ say why. The metadata is readable by
// anyone with read-only access to libvirt, and it passes through virsh's argv, `--json` and
// gen's domain XML, so the lab file's userData (which may hold passwords) is in it only as a
// salted scrypt digest.
import { createHash, scryptSync } from 'node:crypto';
import { assert } from '@rejviz/core';
import type { AllocatedMachine } from '../allocate.js';
import type { Lab, LabMachine, LabTemplate } from '../lab-file/lab-types.js';

/** A machine's desired configuration (JSON-safe, keys in a fixed order). */
export interface MachineConfig {
  template: string;
  templateDigest: string;
  /**
   * The template profile as the lab file writes it, without what its base resolved to
   * (templateProfileDigest): a machine whose templateDigest differs while this is the same was
   * made from an older base, and is kept unless asked (--replace-outdated). Not compared with the
   * rest (sameConfig): templateDigest covers it, and records written before it existed lack it.
   */
  templateProfile?: string;
  hostname: string;
  memoryMiB: number;
  vcpus: number;
  diskMiB: number | null;
  disks: { sizeMiB: number; format: string }[];
  nics: { network: string; mac: string; address: string | null; gateway: string | null }[];
  /** userDataDigest of the machine's userData (records written before it held the object: readMachineRecord converts them). */
  userData: string;
  /** Present (false) only for a machine without a seed: records written before it existed stay equal. */
  seed?: false;
  /** Present only for a machine with a management NIC (its MAC), for the same reason. */
  management?: { mac: string };
  plugins: Record<string, Record<string, unknown>>;
}

// A profile's content as its digests take it: without its name, and without what changes how it
// is built rather than what it holds (whether the build has a network, how long it waits for its
// provisioning VM); a playbook is its content, not its name or place, and a profile without any
// keeps the digest it had before playbooks existed (its images stay cached).
function profileContent(template: LabTemplate) {
  const { name: _name, buildNetwork: _network, provisionTimeoutSeconds: _timeout, playbooks, image, ...content } = template;
  const played = playbooks.length > 0 ? { playbooks: playbooks.map((p) => p.sha256) } : {};
  return { content: { ...content, ...played }, image };
}

/**
 * The digest of a template profile: what it is built from and what is applied to it.
 * `baseRevision`: the base template's repository entry; for a cloud image template, the image's
 * verified digest ("sha512:HEX"), which stands for the image instead of its name.
 */
export function templateDigest(template: LabTemplate, baseRevision = ''): string {
  assert(template.playbooks.every((p) => p.sha256 !== null), `the playbooks of template ${template.name} were not read (loadLab with checkFiles: false)`);
  const { content, image } = profileContent(template);
  // A cloud image is its bytes, not the key or URL that named them: the same image under another
  // name (or URL) gives the same template. A virt-builder template keeps the digest it had.
  if (image) return digest({ content: { ...content, base: undefined, image: baseRevision }, baseRevision: '' });
  return digest({ content, baseRevision });
}

/**
 * The digest of a template profile as the lab file writes it: its base by name (the virt-builder
 * template, the image's key or URL and the file's checksum pin; not one run's --checksum), not what that resolves to now (the
 * repository entry, the image's bytes). Two machines whose templateDigests differ while this is
 * the same differ only in a newer base: the user changed nothing.
 */
export function templateProfileDigest(template: LabTemplate): string {
  const { content, image } = profileContent(template);
  const checksum = image && (image.checksumInFile !== undefined ? image.checksumInFile : image.checksum);
  return digest({ profile: { ...content, ...(image && { image: { source: image.source, checksum } }) } });
}

/** The desired configuration of one machine. */
export function machineConfig(lab: Lab, machine: LabMachine, allocation: AllocatedMachine, templateDigests: ReadonlyMap<string, string>): MachineConfig {
  return {
    template: machine.template,
    templateDigest: templateDigests.get(machine.template) ?? '',
    ...withProfile(lab.templates.find((t) => t.name === machine.template)),
    hostname: machine.hostname,
    memoryMiB: machine.memoryMiB,
    vcpus: machine.vcpus,
    diskMiB: machine.diskMiB,
    disks: machine.disks.map((d) => ({ sizeMiB: d.sizeMiB, format: d.format })),
    nics: allocation.nics.map((n) => ({
      network: lab.networks.find((x) => x.name === n.network)?.libvirtName ?? n.network,
      mac: n.mac,
      address: n.address ? `${n.address.address}/${n.address.prefix}` : null,
      gateway: n.gateway,
    })),
    userData: userDataDigest(lab.name, machine.name, machine.userData),
    ...(machine.seed ? {} : { seed: false as const }),
    ...(allocation.management && { management: { mac: allocation.management.mac } }),
    plugins: machine.plugins,
  };
}

function withProfile(template: LabTemplate | undefined): { templateProfile?: string } {
  return template ? { templateProfile: templateProfileDigest(template) } : {};
}

/** Whether two configurations ask for the same machine (templateProfile aside: templateDigest covers it). */
export function sameConfig(a: MachineConfig, b: MachineConfig): boolean {
  return digest({ ...a, templateProfile: undefined }) === digest({ ...b, templateProfile: undefined });
}

/**
 * Whether `recorded` differs from `wanted` only in that its template's base has changed since it
 * was made (a new revision in the repository, a republished image): same profile, other digest.
 * A record without templateProfile (written before it existed) cannot tell: false.
 */
export function onlyBaseChanged(recorded: MachineConfig, wanted: MachineConfig): boolean {
  return recorded.templateProfile !== undefined && recorded.templateProfile === wanted.templateProfile
    && recorded.templateDigest !== wanted.templateDigest && sameConfig({ ...recorded, templateDigest: wanted.templateDigest }, wanted);
}

// The same userData is digested several times per run (each plan); scrypt is slow on purpose.
const userDataDigests = new Map<string, string>();

/**
 * What a machine record keeps of its userData: 'none' for none, else scrypt (N 2^14) of its
 * canonical JSON salted with the lab and machine name, so that a guessed password costs a
 * scrypt per machine to try. No key from the lab's state is needed: a lab whose state is gone
 * still plans "keep" from its records.
 */
export function userDataDigest(lab: string, machine: string, userData: Record<string, unknown>): string {
  if (Object.keys(userData).length === 0) return 'none';
  const text = canonicalJson(userData);
  const memo = `${lab}\0${machine}\0${text}`;
  let hex = userDataDigests.get(memo);
  if (hex === undefined) {
    hex = scryptSync(text, `rejviz-up userData ${lab}/${machine}`, 32, { N: 1 << 14, r: 8, p: 1 }).toString('hex');
    userDataDigests.set(memo, hex);
  }
  return `scrypt:${hex}`;
}

/** sha256 of a value's canonical JSON (object keys sorted), hex. */
export function digest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Why `before` is not `after`, one phrase per key that differs ("memory 1024M -> 2048M"). */
export function configChanges(before: MachineConfig, after: MachineConfig): string[] {
  const changes: string[] = [];
  const scalar = (key: 'memoryMiB' | 'vcpus' | 'diskMiB' | 'hostname' | 'template', word: string, unit = '') => {
    if (before[key] !== after[key]) changes.push(`${word} ${before[key] ?? 'default'}${unit} -> ${after[key] ?? 'default'}${unit}`);
  };
  scalar('template', 'template');
  if (before.template === after.template && before.templateDigest !== after.templateDigest) {
    const baseOnly = before.templateProfile !== undefined && before.templateProfile === after.templateProfile;
    changes.push(baseOnly ? `template ${after.template} has a new base` : `template ${after.template} changed`);
  }
  scalar('hostname', 'hostname');
  scalar('memoryMiB', 'memory', 'M');
  scalar('vcpus', 'vcpus');
  scalar('diskMiB', 'disk', 'M');
  if ((before.seed ?? true) !== (after.seed ?? true)) changes.push(after.seed === false ? 'seed removed' : 'seed added');
  if (before.management?.mac !== after.management?.mac) {
    changes.push(!after.management ? 'management NIC removed' : !before.management ? 'management NIC added' : `management NIC MAC ${before.management.mac} -> ${after.management.mac}`);
  }
  for (const key of ['disks', 'nics', 'userData', 'plugins'] as const) {
    if (digest(before[key]) !== digest(after[key])) changes.push(`${key} changed`);
  }
  return changes;
}
