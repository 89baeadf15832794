// What a customize or sysprep run is asked to do, as data: the library's input and what the bins
// turn their argv into. The wrapped tool's further options are one list passed through untouched.
import type { OptionValues } from '@rejviz/core';

export interface GuestToolRequest {
  /** Disk images to change, in order (relative to the services' cwd); or a domain. */
  images?: readonly { path: string; format?: string | null }[];
  /** A shut-off libvirt domain whose disks to change. */
  domain?: string;
  /** The libvirt connection of `domain`; default libvirt's. */
  uri?: string | null;
  /**
   * Further virt-customize/virt-sysprep arguments, passed through untouched and in order (e.g.
   * ['--hostname', 'web1']). They may also name the images (-a) or domain (-d, -c) themselves, as
   * on the command line, instead of the fields above.
   */
  toolArgs?: readonly string[];
  /**
   * The plugins' options by key (e.g. { nics: [...], nicFormat: 'auto' }): data, as a lab file's
   * plugins section holds it, for customize()/sysprep(), which type it by the plugins'
   * declarations; already typed values for planGuestRun(), as the bin's argv parsing makes them.
   */
  options?: OptionValues;
}
