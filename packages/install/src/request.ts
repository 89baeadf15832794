// What an install is asked to do, as data: the library's input and what the bin turns its argv
// into. The image manifest is an object in memory (or a promise of one, for a pipeline), never a
// file the planner must read; virt-install's own arguments pass through untouched.
import type { ImageManifest, OptionValues } from '@rejviz/core';

export interface InstallRequest {
  /** The domain's name; or give --name among toolArgs. */
  name?: string;
  /** The image's manifest (rejviz-builder's); without one, the first --disk is inspected. */
  manifest?: ImageManifest | Promise<ImageManifest> | null;
  /** Names the manifest in messages: a file name, '(stdin)'; default 'the manifest'. */
  manifestName?: string;
  /** virt-install's arguments, passed through untouched and in order (--memory, --disk, --connect ...). */
  toolArgs?: readonly string[];
  /**
   * The plugins' options by key (e.g. { nicNetworks: ['eth1=lab'], cloudInit: true, user: ['admin'] }):
   * data, as a lab file's plugins section holds it, for install(), which types it by the plugins'
   * declarations; already typed values for planInstall(), as the bin's argv parsing makes them.
   */
  options?: OptionValues;
  /**
   * The XML of networks the caller defines before the plan is carried out (rejviz-up gen's
   * Makefile defines the lab's networks first): the plan places NICs on them as if they existed.
   */
  networksToDefine?: readonly string[];
}
