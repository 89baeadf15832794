// What rejviz-peek is asked to look at, as data: one domain, disk images, or a manifest's image
// (an object in memory, or a promise of one). The library's input and what the bin makes of argv.
import type { ImageManifest } from '@rejviz/core';

export interface PeekRequest {
  /** A libvirt domain (running or not: everything is read-only). */
  domain?: string;
  /** The domain's connection; default libvirt's. */
  uri?: string | null;
  /** Disk images, in order (relative to the services' cwd). */
  images?: readonly { path: string; format?: string | null }[];
  /** A manifest: its image is read and judged against its NICs. */
  manifest?: ImageManifest | Promise<ImageManifest> | null;
  /** Names the manifest in messages: a file name, '-' for stdin; default 'the manifest'. */
  manifestName?: string;
  /** Read only the domain's XML: no appliance launch. */
  noGuest?: boolean;
}
