// How a wrapped tool's option value is completed, from what its own --help calls the value
// (core's tool-info records it): `<raw|qcow2>` lists the values, `<domain>` is a libvirt domain,
// a URI or an image format is not guessed, and anything else may be a file name, which is what
// bash offers anyway.
import { domainNames } from './domain-names.js';
import { fileNames, nothing, oneOf } from './value-completers.js';
import type { ValueCompleter } from './types.js';

/** The completer for a tool option whose help names its value `valueName`. */
export function toolValueCompleter(valueName: string | undefined): ValueCompleter {
  if (valueName === undefined) return fileNames;
  if (/^[\w.-]+(\|[\w.-]+)+$/.test(valueName)) return oneOf(valueName.split('|'));
  if (/^domain$/i.test(valueName)) return domainNames;
  if (/^(uri|format)$/i.test(valueName)) return nothing;
  return fileNames;
}
