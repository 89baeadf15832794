// What a build is asked to do, as data: the library's input (rejviz-up, a user's script) and what
// the bin turns its argv into. Nothing here is argv: the wrapped tool's own further options are
// one list passed through untouched.
import type { OptionValues } from '@rejviz/core';

export interface BuildRequest {
  /** virt-builder template (os-version, as `virt-builder --list` names it). */
  template?: string;
  /** The image file (relative to the services' cwd); default virt-builder's: TEMPLATE.img, TEMPLATE.qcow2. */
  output?: string;
  /** Image format: raw (default) or qcow2. */
  format?: string;
  /** Replace an existing output or manifest file, or write onto a block device. */
  force?: boolean;
  /** Also write the image manifest to this file (published together with the image). */
  manifest?: string | null;
  /**
   * Further virt-builder arguments, passed through untouched and in order (e.g. ['--size', '6G']).
   * They may also name the template and output themselves, as on the command line; a template,
   * output or format given in the fields above must then agree with them.
   */
  toolArgs?: readonly string[];
  /**
   * The plugins' options by key (e.g. { nics: [...] }): data, as a lab file's plugins section holds
   * it, for build(), which types it by the plugins' declarations; already typed values for
   * planBuild(), as the bin's argv parsing makes them.
   */
  options?: OptionValues;
}
