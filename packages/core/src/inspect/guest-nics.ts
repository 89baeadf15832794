// The NICs an image configures, read from the network configuration files inside it, in the same
// single guestfish session that inspects the OS (one appliance launch).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { Runner } from '../exec.js';
import type { GuestNicConfig } from '../guest-config/index.js';
import type { ManifestNic } from '../manifest.js';
import { configFileCommands, parseConfigFiles, type GuestFileText } from './config-files.js';
import type { GuestFacts } from './guest-facts.js';
import { guestfishArgs, type GuestImage } from './inspect-guest.js';
import { parseProbes } from './parse-probes.js';
import { PROBE_DIR_ENV, probeScript } from './probe-script.js';

export interface GuestNics {
  facts: GuestFacts;
  osinfo: string | null;
  files: GuestFileText[];
  configs: GuestNicConfig[];
  /** The NICs bound to a MAC, in guest order, as a manifest lists them. */
  nics: ManifestNic[];
  notes: string[];
}

/** The guest to read: its disk images in order, or a libvirt domain (guestfish -d, read-only). */
export type GuestSource = readonly GuestImage[] | { domain: string; uri: string | null };

/** The guestfish arguments that open `source` read-only (also what --dry-run shows). */
export function guestSourceArgs(source: GuestSource): string[] {
  if ('domain' in source) return ['--ro', ...(source.uri === null ? [] : ['-c', source.uri]), '-d', source.domain];
  if (source.length === 0) throw new UsageError('no disk image to inspect');
  return guestfishArgs(source);
}

function sourceName(source: GuestSource): string {
  return 'domain' in source ? `domain ${source.domain}` : source.map((i) => i.path).join(', ');
}

/**
 * Inspects the guest and reads its NIC configuration with exactly one guestfish run. A domain's
 * disks (formats, backing chains) come from libvirt; it may be running: everything is read-only.
 */
export async function inspectGuestNics(runner: Runner, source: GuestSource, env: NodeJS.ProcessEnv = process.env): Promise<GuestNics> {
  const args = guestSourceArgs(source);
  // Loaded on use: the readers bring yaml and ip-address, which most commands never need.
  const { GUEST_CONFIG_GLOBS, guestNicsForManifest, readGuestConfigs } = await import('../guest-config/index.js');
  const dir = await mkdtemp(join(tmpdir(), 'rejviz-probe-'));
  try {
    const result = await runner.run('guestfish', args, {
      input: probeScript(configFileCommands(GUEST_CONFIG_GLOBS)),
      env: { ...env, [PROBE_DIR_ENV]: dir },
      readOnly: true,
      installHint: 'apt-get install libguestfs-tools (or run scripts/host-setup)',
    });
    const facts = parseProbes(result.stdout);
    if (facts.os === null) throw new UsageError(`no operating system found in ${sourceName(source)}; check the path and format`);
    const files = parseConfigFiles(result.stdout);
    const configs = readGuestConfigs(files, { busybox: facts.stacks.ifupdown.busybox });
    const { nics, notes } = guestNicsForManifest(configs);
    return { facts, osinfo: facts.os.osinfo === 'unknown' ? null : facts.os.osinfo, files, configs, nics, notes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
