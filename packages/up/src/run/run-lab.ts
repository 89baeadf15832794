// rejviz-up run TEMPLATE (or --image URL|KEY, a cloud image): testcloud's "one command, one VM" as a lab of one machine without a
// file. The options become the lab file's data (a template profile of the base template, the
// existing libvirt networks the NICs name, one machine `vm`), so the VM is planned, built, cloned,
// recorded and destroyed exactly as a lab's machine is: `rejviz-up run` again changes nothing,
// `rejviz-up status|down|destroy --lab NAME` act on it. Each option is checked here first, so an
// error names the option (--nic #2: ...), not a place in a file the user never wrote.
import { ERROR_CODES, shown, splitSubOptions, UsageError } from '@rejviz/core';
import { parseIp } from '@rejviz/core/nic';
import { isImageUrl } from '@rejviz/images';
import type { LabFileData, MachineEntry, NicEntry, TemplateEntry } from '../lab-file/lab-types.js';
import { LabFileError } from '../lab-file/lab-error.js';
import { sizeMiB } from '../lab-file/sizes.js';

export interface RunOptions {
  /** The virt-builder template (os-version); give it or `image`. */
  template?: string;
  /** --image URL|KEY: a cloud image instead of a virt-builder template (docs/images.md). */
  image?: string;
  /** --checksum sha256:HEX: the image's digest pinned by hand. */
  checksum?: string;
  /** --insecure-unverified: take the image even when nothing verifies it. */
  insecureUnverified?: boolean;
  /** The lab's name (default: from the template's name). */
  name?: string;
  /** --nic network=NET[,address=ADDR[/PREFIX]|dhcp][,mac=MAC][,gateway=GW] (default: network=default; address: dhcp). */
  nics?: readonly string[];
  memory?: string;
  vcpus?: string;
  size?: string;
  /**
   * --ssh: the VM gets a management NIC (ssh forwarded from 127.0.0.1) and plugin-ssh's login
   * (the lab's key pair, pinned host keys), and run returns once it is ready.
   */
  ssh?: boolean;
  /** --ssh-key PATH: your private key instead of the lab's (implies --ssh). */
  sshKey?: string;
}

/** The machine's name in the lab: the domain is NAME_vm. */
export const RUN_MACHINE = 'vm';
const NAME = /^[a-z][a-z0-9-]{0,31}$/;
const NIC_KEYS = ['network', 'address', 'mac', 'gateway'] as const;
const NIC_FIX = 'write --nic network=NET[,address=ADDRESS[/PREFIX]|dhcp][,mac=MAC][,gateway=ADDRESS], e.g. --nic network=default';

/** The lab name `run` picks for a template: its name in lab-name form (debian-12, centos-stream-9). */
export function runLabName(template: string): string {
  let name = template.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(name)) name = `vm-${name}`;
  return name.slice(0, 32).replace(/-+$/, '') || 'vm';
}

function bad(option: string, value: string, problem: string, fix: string): UsageError {
  return new UsageError(`${option} ${shown(value)}: ${problem}; ${fix}`, ERROR_CODES.INPUT);
}

function readNic(text: string, index: number): NicEntry {
  const option = `--nic #${index + 1}`;
  const items = splitSubOptions(text);
  if ('error' in items) throw bad(option, text, items.error, NIC_FIX);
  const nic: Partial<Record<(typeof NIC_KEYS)[number], string>> = {};
  for (const [i, [key, value]] of items.entries()) {
    // A first bare word is the network (--nic isolated).
    const k = value === null && i === 0 ? 'network' : key;
    const v = value === null && i === 0 ? key : value;
    if (!(NIC_KEYS as readonly string[]).includes(k) || v === null) throw bad(option, text, `${shown(key)} is not a NIC setting here`, NIC_FIX);
    if (nic[k as (typeof NIC_KEYS)[number]] !== undefined) throw bad(option, text, `${k}= is given twice`, NIC_FIX);
    if (v === '') throw bad(option, text, `${k}= is empty`, NIC_FIX);
    nic[k as (typeof NIC_KEYS)[number]] = v;
  }
  if (nic.network === undefined) throw bad(option, text, 'no network=', NIC_FIX);
  if (nic.address !== undefined && nic.address !== 'dhcp' && parseIp(nic.address.split('/')[0]!) === undefined) {
    throw bad(option, text, `address=${nic.address} is not an IP address`, 'give ADDRESS or ADDRESS/PREFIX (or dhcp), e.g. address=198.51.100.10/24');
  }
  if (nic.gateway !== undefined && parseIp(nic.gateway) === undefined) throw bad(option, text, `gateway=${nic.gateway} is not an IP address`, 'give the gateway as an address, e.g. gateway=198.51.100.1');
  // Without address=, DHCP (as virt-install's NICs): a lab would pick a free static address.
  return { network: nic.network, address: nic.address ?? 'dhcp', ...(nic.mac !== undefined && { mac: nic.mac }), ...(nic.gateway !== undefined && { gateway: nic.gateway }) };
}

/** The name a cloud image gives `run`'s lab and profile: a catalogue key as it is, a URL's file name without its extensions. */
export function runImageName(image: string): string {
  if (!isImageUrl(image)) return runLabName(image);
  const file = decodeURIComponent(image.replace(/[?#].*$/, '').split('/').pop() ?? '');
  return runLabName(file.replace(/(\.(qcow2|img|raw|xz|gz|zst))+$/i, '') || 'image');
}

/** The template profile `run` builds: the virt-builder template, or the cloud image with its checksum and trust. */
function runProfile(o: RunOptions): [string, TemplateEntry] {
  if (o.template !== undefined && o.image !== undefined) throw bad('TEMPLATE', o.template, `and --image ${o.image} both name what to build from`, 'give a virt-builder TEMPLATE or --image URL|KEY, not both');
  for (const [flag, given] of [['--checksum', o.checksum !== undefined], ['--insecure-unverified', o.insecureUnverified === true]] as const) {
    if (given && o.image === undefined) throw new UsageError(`${flag}: only a cloud image is verified; give --image URL|KEY with it, or drop ${flag}`, ERROR_CODES.INPUT);
  }
  // The profile installs nothing, so it is built without an appliance network (network: false).
  if (o.image !== undefined) {
    if (o.image === '') throw bad('--image', o.image, 'is empty', 'give a catalogue key (rejviz-up images catalogue) or an https://, http:// or file:/// URL');
    return [runImageName(o.image), { image: o.image, ...(o.checksum !== undefined && { checksum: o.checksum }), ...(o.insecureUnverified && { insecureUnverified: true }), network: false }];
  }
  if (o.template === undefined) throw new UsageError('run needs a TEMPLATE (a virt-builder template, see virt-builder --list) or --image URL|KEY (a cloud image); e.g. rejviz-up run debian-12 --nic network=default', ERROR_CODES.INPUT);
  if (!/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(o.template)) throw bad('TEMPLATE', o.template, 'is not a virt-builder template name', 'give one of virt-builder --list, e.g. rejviz-up run debian-12');
  return [runLabName(o.template), { base: o.template, network: false }];
}

/** The lab file `run` stands for, as its data (checked option by option). */
export function runLabData(o: RunOptions): LabFileData {
  const [profile, entry] = runProfile(o);
  const name = o.name ?? profile;
  if (!NAME.test(name)) throw bad('--name', name, "is not a lab name: 1-32 of a-z, 0-9 and '-', starting with a letter", 'e.g. --name web');
  if (o.memory !== undefined && sizeMiB(o.memory) === undefined) throw bad('--memory', o.memory, 'is not a size', 'give MiB or a size with a unit, e.g. --memory 1G');
  if (o.size !== undefined && sizeMiB(o.size) === undefined) throw bad('--size', o.size, 'is not a size', 'give MiB or a size with a unit, e.g. --size 10G');
  if (o.sshKey !== undefined && (o.sshKey === '' || /[\n\r]/.test(o.sshKey))) throw bad('--ssh-key', o.sshKey, 'is not a path', 'give the path of your private key (its .pub beside it), e.g. --ssh-key ~/.ssh/id_ed25519');
  if (o.vcpus !== undefined && !/^[1-9]\d{0,2}$/.test(o.vcpus)) throw bad('--vcpus', o.vcpus, 'is not a number of CPUs', 'give a whole number from 1, e.g. --vcpus 2');
  const nics = (o.nics && o.nics.length > 0 ? o.nics : ['network=default']).map(readNic);
  // Each libvirt network once, under a key of its own (net1, net2 ...: a network's name need not be a lab key).
  const networks: Record<string, { existing: string }> = {};
  const keyOf = new Map<string, string>();
  for (const nic of nics) {
    if (!keyOf.has(nic.network)) {
      const key = `net${keyOf.size + 1}`;
      keyOf.set(nic.network, key);
      networks[key] = { existing: nic.network };
    }
  }
  const machine: MachineEntry = {
    name: RUN_MACHINE,
    template: profile,
    hostname: name,
    ...(o.memory !== undefined && { memory: o.memory }),
    ...(o.vcpus !== undefined && { vcpus: Number(o.vcpus) }),
    ...(o.size !== undefined && { disk: o.size }),
    nics: nics.map((n) => ({ ...n, network: keyOf.get(n.network)! })),
    ...((o.ssh || o.sshKey !== undefined) && { management: true, plugins: { ssh: o.sshKey !== undefined ? { key: o.sshKey } : {} } }),
  };
  return { name, templates: { [profile]: entry }, networks, machines: [machine] };
}

/** The lab file text `run` stands for (JSON is YAML) and the name its messages use. */
export function runLabFile(o: RunOptions): { file: string; text: string } {
  return { file: 'rejviz-up run', text: `${JSON.stringify(runLabData(o), null, 2)}\n` };
}

/**
 * A lab error about the file `run` made, said in terms of its options: machines.0.nics.1.address
 * is --nic #2, machines.0.memory is --memory. Other errors pass as they are.
 */
export function asRunError(error: unknown): unknown {
  if (!(error instanceof LabFileError)) return error;
  const path = error.path;
  const option =
    path[0] === 'machines' && path[2] === 'nics' && typeof path[3] === 'number' ? `--nic #${path[3] + 1}`
    : path[0] === 'machines' && path[2] === 'memory' ? '--memory'
    : path[0] === 'machines' && path[2] === 'vcpus' ? '--vcpus'
    : path[0] === 'machines' && path[2] === 'disk' ? '--size'
    : path[0] === 'machines' && path[2] === 'plugins' ? '--ssh-key'
    : path[0] === 'templates' && path[2] === 'image' ? '--image'
    : path[0] === 'templates' && path[2] === 'checksum' ? '--checksum'
    : path[0] === 'name' ? '--name'
    : path[0] === 'networks' ? '--nic'
    : 'rejviz-up run';
  const detail = error.message.replace(/^[^:]+:\d+:\d+:( [^:]+:)? /, '');
  return new UsageError(`${option}: ${detail}`, ERROR_CODES.INPUT);
}
