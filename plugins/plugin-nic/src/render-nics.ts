// Dispatches a NIC list to the renderer of the chosen guest network format.

import { renderEni, type EniLayout } from './render-eni.js';
import { renderIfcfg } from './render-ifcfg.js';
import { renderKeyfile } from './render-keyfile.js';
import { renderNetplan } from './render-netplan.js';
import { renderNetworkd } from './render-networkd.js';
import type { GuestFile, NicFormat, NicSpec } from './types.js';

/** Format-specific choices that osinfo or the user can make beyond the format itself. */
export interface RenderOptions {
  eniLayout?: EniLayout;
}

const RENDERERS: Record<NicFormat, (nics: readonly NicSpec[], options: RenderOptions) => GuestFile[]> = {
  ifcfg: renderIfcfg,
  keyfile: renderKeyfile,
  netplan: renderNetplan,
  eni: (nics, options) => renderEni(nics, options.eniLayout),
  networkd: renderNetworkd,
};

/** The guest files that configure `nics` in `format`. */
export function renderNics(format: NicFormat, nics: readonly NicSpec[], options: RenderOptions = {}): GuestFile[] {
  return RENDERERS[format](nics, options);
}
