// rejviz-up's plan as a library call: read the lab file, look at the libvirt connection, decide
// addresses and MACs (keeping the lab's earlier ones), and plan every template and machine.
import { templateRevision } from '@rejviz/builder';
import { createServices, libvirtConnection, type LibvirtConnection, type Services } from '@rejviz/core';
import { imageCacheDir, type PulledImage } from '@rejviz/images';
import { applyImageOptions, type LabImageOptions } from '../images/lab-image-options.js';
import { knownImage, type TemplateImageInfo } from '../images/known-image.js';
import { allocateLab, type AllocatedMachine } from '../allocate.js';
import { loadLab } from '../lab-file/load-lab.js';
import type { Lab } from '../lab-file/lab-types.js';
import { readHost } from '../libvirt/read-host.js';
import { readLabState } from '../state/lab-state.js';
import { templateDigest } from './machine-config.js';
import { domainName, planLab, type LabPlan } from './plan-lab.js';

export interface UpRequest {
  /** The lab file's name for messages. */
  file: string;
  /** Its text. */
  text: string;
  /** --var NAME=VALUE. */
  vars?: Readonly<Record<string, string>>;
  /** The lab file's absolute path ('-' for stdin): its directory is what the file's relative paths are taken from (else the cwd). */
  path?: string;
  /** The libvirt connection (null: libvirt's default). */
  uri?: string | null;
  /** Further virt-builder arguments for every template build (e.g. ['--source', URL]). */
  buildArgs?: readonly string[];
  /** Template digests whose images are cached (the template cache answers this). */
  cachedTemplates?: ReadonlySet<string>;
  /** --offline, --insecure-unverified, --checksum for the cloud images (docs/up.md#cloud-image-templates). */
  images?: LabImageOptions;
  /** The cloud images this run pulled, by template profile: their digests are the templates' (pullLabImages). */
  pulled?: ReadonlyMap<string, PulledImage>;
  /** --replace-outdated: replace the machines whose template has only a new base (default: keep them). */
  replaceOutdated?: boolean;
}

export interface UpPlan {
  lab: Lab;
  allocation: AllocatedMachine[];
  plan: LabPlan;
  /** The ports on 127.0.0.1 of the management NICs of this connection's domains (any lab), by domain. */
  managementPorts: Record<string, number>;
  /** The cloud images pulled for the templates (request.pulled), by profile. */
  pulled: ReadonlyMap<string, PulledImage>;
}

/** Plans bringing the lab up; changes nothing. */
export async function planUp(request: UpRequest, services?: Services): Promise<UpPlan> {
  const s = services ?? (await createServices());
  const connection = libvirtConnection(request.uri ?? null);
  const host = await readHost(s.runner, connection);
  const lab = await withPluginAdditions(applyImageOptions(await loadLab({
    file: request.file, text: request.text, vars: request.vars ?? {}, env: s.env, libvirtNetworks: host.networks,
    ...(request.path !== undefined && { path: request.path }), cwd: s.cwd,
  }), request.images), connection, s);

  const mine = host.domains.filter((d) => d.record?.lab === lab.name);
  const others = host.domains.filter((d) => d.record?.lab !== lab.name);
  // Addresses other labs' machines have, on the libvirt networks this lab uses.
  const takenAddresses = new Map<string, Set<string>>();
  for (const network of lab.networks) {
    const taken = new Set<string>();
    for (const d of others) {
      for (const nic of d.record?.config?.nics ?? []) if (nic.network === network.libvirtName && nic.address) taken.add(nic.address.split('/')[0]!);
    }
    takenAddresses.set(network.name, taken);
  }
  // The earlier allocation: the state file, else what the lab's own domains record.
  const state = await readLabState(lab.name, s.env);
  const previous: AllocatedMachine[] = state?.machines ?? mine.flatMap((d) => (d.record?.config ? [{
    name: d.record.machine,
    nics: d.record.config.nics.map((n) => {
      const network = lab.networks.find((x) => x.libvirtName === n.network);
      const [address = '', prefix = ''] = n.address?.split('/') ?? [];
      return { network: network?.name ?? n.network, mac: n.mac, address: n.address ? { address, prefix: Number(prefix) } : null, gateway: n.gateway };
    }),
    ...(d.record.config.management && { management: { mac: d.record.config.management.mac } }),
  }] : []));
  const allocation = allocateLab(lab, {
    takenAddresses,
    // Other domains' MACs, and those an existing network keeps a DHCP reservation for.
    // Other domains' MACs (their management NICs' too: libvirt cannot see those), and those an
    // existing network keeps a DHCP reservation for.
    takenMacs: new Set([
      ...others.flatMap((d) => [...d.macs, ...(d.record?.config?.management ? [d.record.config.management.mac] : [])]),
      ...lab.networks.flatMap((n) => n.dhcpHosts.flatMap((h) => (h.mac ? [h.mac] : []))),
    ]),
    previous,
  });
  // A template's digest covers its repository entry (checksum, revision), so a template changed
  // in its repository is built again.
  // A cloud image template's digest covers the image's verified digest instead: the one this run
  // pulled, else what is known without fetching (known-image.ts); unknown until the pull, the
  // plan says so.
  const cacheDir = request.images?.cacheDir ?? imageCacheDir(s.env);
  const images = new Map<string, TemplateImageInfo>();
  // Virt-builder templates whose repository entry cannot be read (no index, no copy of it).
  const unknownBases = new Set<string>();
  const templateDigests = new Map(await Promise.all(lab.templates.map(async (t) => {
    if (t.image) {
      const info = await knownImage(t.image, request.pulled?.get(t.name), cacheDir);
      images.set(t.name, info);
      return [t.name, templateDigest(t, info.digest ?? `after-pull:${info.url}`)] as const;
    }
    const rev = await templateRevision(t.base, s.env, request.buildArgs ?? [], { runner: s.runner, notice: s.notice });
    if (!rev) unknownBases.add(t.name);
    return [t.name, templateDigest(t, rev ? `${rev.checksum ?? ''}:${rev.revision ?? ''}` : '')] as const;
  })));
  const plan = planLab(lab, { allocation, domains: host.domains, templateDigests, cachedTemplates: request.cachedTemplates ?? new Set(), images, unknownBases, ...(request.replaceOutdated && { replaceOutdated: true }) });
  const managementPorts = Object.fromEntries(host.domains.flatMap((d) => (d.managementPort === null ? [] : [[d.name, d.managementPort] as const])));
  return { lab, allocation, plan, managementPorts, pulled: request.pulled ?? new Map() };
}

/** The lab after the planLab hook's taps: their user-data and plugin additions in its machines. */
async function withPluginAdditions(lab: Lab, connection: LibvirtConnection, s: Services): Promise<Lab> {
  if (!s.hooks.planLab.isUsed()) return lab;
  const draft = await s.hooks.planLab.promise({
    lab: lab.name,
    connection,
    machines: lab.machines.map((m) => ({
      machine: m.name, domain: domainName(lab.name, m.name), template: m.template, hostname: m.hostname, groups: [...m.groups],
      management: m.management, plannedAddress: m.nics.some((n) => n.address.kind !== 'dhcp'),
      userData: structuredClone(m.userData), plugins: structuredClone(m.plugins),
    })),
    plugins: structuredClone(lab.plugins),
  }, { runner: s.runner, env: s.env, cwd: s.cwd, notice: s.notice });
  if (draft.machines.length !== lab.machines.length || draft.machines.some((m, i) => m.machine !== lab.machines[i]!.name)) {
    throw new Error('Assertion failed: a planLab tap added, removed or reordered machines; it may only change their userData and plugins');
  }
  return { ...lab, machines: lab.machines.map((m, i) => ({ ...m, userData: draft.machines[i]!.userData, plugins: draft.machines[i]!.plugins })) };
}
