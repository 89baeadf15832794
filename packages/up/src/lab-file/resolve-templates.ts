// Template profiles: each `extends` another or names its virt-builder `base` or cloud `image`;
// the chain is applied root first, so a profile's own keys win over its parent's. A missing
// parent or a cycle is an error at the extends key.
import { shown } from '@rejviz/core';
import type { Catalogue } from '@rejviz/images';
import { DEFAULT_TIMEOUT_SECONDS } from '@rejviz/plugin-ssh';
import { labError } from './lab-error.js';
import type { LabSource } from './lab-source.js';
import type { LabFileData, LabTemplate, TemplateEntry } from './lab-types.js';
import { sizeMiB } from './sizes.js';
import { templatePlaybooks } from './template-playbooks.js';
import { templateFastBoot } from './template-fast-boot.js';
import { templateSource } from './template-source.js';

/** The profiles from the root of the extends chain down to `name` (inclusive). */
export function templateChain(source: LabSource, data: LabFileData, name: string): [string, TemplateEntry][] {
  const templates = data.templates ?? {};
  const chain: [string, TemplateEntry][] = [];
  for (let current: string | undefined = name; current !== undefined; ) {
    const at = chain.findIndex(([n]) => n === current);
    if (at >= 0) {
      const cycle = [...chain.slice(at).map(([n]) => n), current].join(' -> ');
      throw labError(source, ['templates', chain[chain.length - 1]![0], 'extends'], `the profiles extend each other in a cycle (${cycle})`, 'let one of them name its base instead');
    }
    const entry: TemplateEntry | undefined = templates[current];
    if (!entry) {
      const parent = chain[chain.length - 1]![0];
      throw labError(source, ['templates', parent, 'extends'], `${shown(current)} is not a template profile`, knownProfiles(data));
    }
    chain.push([current, entry]);
    current = entry.extends;
  }
  return chain.reverse();
}

/** "the profiles are: a, b" (or how to add one), for messages about a missing profile. */
export function knownProfiles(data: LabFileData): string {
  const names = Object.keys(data.templates ?? {});
  return names.length > 0 ? `the profiles are: ${names.join(', ')}` : 'add it under templates: with base: TEMPLATE (virt-builder --list) or image: URL|KEY (rejviz-up images catalogue)';
}

/**
 * How long a build waits for the VM that runs the profile's playbooks: the chain's
 * plugins.ssh.timeout (the setting its machines wait by too), else plugin-ssh's default.
 */
function provisionTimeout(source: LabSource, chain: readonly [string, TemplateEntry][]): number {
  for (let i = chain.length - 1; i >= 0; i--) {
    const [profile, entry] = chain[i]!;
    const timeout = entry.plugins?.ssh?.timeout;
    if (timeout === undefined) continue;
    // plugin-ssh's bounds (ssh-settings.ts), checked here too: a profile no machine overrides is never checked there.
    if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 10 || timeout > 86400) {
      throw labError(source, ['templates', profile, 'plugins', 'ssh', 'timeout'], `${shown(JSON.stringify(timeout))} is not valid`, 'give whole seconds from 10 to 86400');
    }
    return timeout;
  }
  return DEFAULT_TIMEOUT_SECONDS;
}

/**
 * One profile with its chain applied; `dir` is what its relative playbook paths are taken from
 * (the lab file's directory); without `readFiles` the playbooks are not read (their sha256 is null).
 * `catalogue` is where image: keys are looked up (needed only when a profile names one).
 */
export function resolveTemplate(source: LabSource, data: LabFileData, name: string, dir: string = process.cwd(), readFiles = true, catalogue: Catalogue | null = null): LabTemplate {
  const chain = templateChain(source, data, name);
  const last = <K extends keyof TemplateEntry>(key: K): [string, NonNullable<TemplateEntry[K]>] | undefined => {
    for (let i = chain.length - 1; i >= 0; i--) {
      const value = chain[i]![1][key];
      if (value !== undefined) return [chain[i]![0], value as NonNullable<TemplateEntry[K]>];
    }
    return undefined;
  };
  // What is applied once at build time accumulates down the chain: a child adds to its parent.
  const all = (key: 'packages' | 'run' | 'runCommand' | 'firstbootCommand') => chain.flatMap(([, e]) => e[key] ?? []);
  const base = templateSource(source, chain, catalogue);
  if (!base) throw labError(source, ['templates', name], `the profile ${shown(name)} has no base or image`, 'add base: TEMPLATE (a virt-builder template, e.g. debian-12) or image: URL|KEY (a cloud image, e.g. debian-12) to it or to a profile it extends');
  const size = last('size');
  const sizeValue = size ? sizeMiB(size[1]) : null;
  if (size && sizeValue === undefined) throw labError(source, ['templates', size[0], 'size'], `${shown(String(size[1]))} is not a size`, 'write MiB as a number, or a number with a unit: 512M, 2G');
  const sysprep = last('sysprep')?.[1];
  const buildPlugins: Record<string, Record<string, unknown>> = {};
  for (const [, e] of chain) for (const [plugin, options] of Object.entries(e.buildPlugins ?? {})) buildPlugins[plugin] = { ...buildPlugins[plugin], ...options };
  return {
    name,
    base: base.base,
    image: base.image,
    sizeMiB: sizeValue ?? null,
    packages: [...new Set(all('packages'))],
    run: all('run'),
    runCommand: all('runCommand'),
    firstbootCommand: all('firstbootCommand'),
    playbooks: templatePlaybooks(source, chain, dir, readFiles),
    sysprep: sysprep === undefined || sysprep === true ? [] : sysprep === false ? null : sysprep,
    buildNetwork: last('network')?.[1] ?? true,
    buildPlugins,
    // Applied by virt-builder builds only (build-template.ts): a cloud image is taken as it is.
    ...(base.image === null && templateFastBoot(chain)),
    provisionTimeoutSeconds: provisionTimeout(source, chain),
  };
}
