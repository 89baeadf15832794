// Where the image's NICs come from: a rejviz-builder manifest (a file or stdin), else the network
// configuration inside the first --disk image (one read-only appliance launch).
import { existsSync } from 'node:fs';
import { checkDiskImage, checkImageManifest, checkManifestImage, inspectGuestNics, type ImageManifest, type ManifestNic, type Runner } from '@rejviz/core';
import type { DiskArg } from './install-args.js';

export interface ImageNics {
  nics: ManifestNic[];
  /** 'manifest FILE', 'inspection of IMAGE', or 'none'. */
  source: string;
  manifest: ImageManifest | null;
  osinfo: string | null;
  /** Problems with the image's own config worth a warning (NICs bound by name only ...). */
  notes: string[];
  /** The disk that was inspected (and so already checked to be a disk image), if any. */
  inspected: string | null;
}

/** The image's NICs, in guest order. */
export async function imageNics(opts: {
  /** The image's manifest, or a promise of it (a pipeline); null: inspect the first --disk. */
  manifest: ImageManifest | Promise<ImageManifest> | null;
  /** Names the manifest in messages and in the NICs' source: a file name, '(stdin)'. */
  manifestName: string;
  disks: readonly DiskArg[]; runner: Runner; env: NodeJS.ProcessEnv;
  /** Resolves vol=POOL/VOLUME to a path. */
  volumePath(volume: string): Promise<string | null>;
}): Promise<ImageNics> {
  if (opts.manifest !== null) {
    // The same checks whoever made it (a file rejviz-builder wrote, a library caller's object).
    const label = opts.manifestName === '(stdin)' ? '--manifest -' : `--manifest ${opts.manifestName}`;
    const manifest = await checkManifestImage(await checkImageManifest(await opts.manifest, label), label);
    return { nics: manifest.nics, source: `manifest ${opts.manifestName}`, manifest, osinfo: manifest.osinfo, notes: [], inspected: null };
  }
  const disk = opts.disks.find((d) => d.device === 'disk' && (d.path !== null || d.volume !== null));
  const path = disk === undefined ? null : disk.path ?? (await opts.volumePath(disk.volume as string));
  // A new disk (size=, or a path virt-install will create) holds no configuration to match.
  if (disk === undefined || path === null || !existsSync(path)) return { nics: [], source: 'none', manifest: null, osinfo: null, notes: [], inspected: null };
  // Before the appliance starts: a directory or a non-image would fail there, in eight lines.
  await checkDiskImage(opts.runner, path, `--disk ${disk.path ?? `vol=${disk.volume} (${path})`}`);
  const found = await inspectGuestNics(opts.runner, [{ path, format: disk.format }], opts.env);
  return { nics: found.nics, source: `inspection of ${path}`, manifest: null, osinfo: found.osinfo, notes: found.notes, inspected: path };
}
