// What rejviz-builder needs to know about the virt-builder arguments it passes through: the
// template, the output file and format, and whether this is a build at all (--list, --notes ...
// are plain proxies). Read from virt-builder's own option table (tool-info), the way its getopt
// reads them: -oFILE, -o FILE, --output FILE, --output=FILE and unique prefixes all name the output.
import { positionalArgs, readToolOptions, withOptionValue, type ToolInfo, type ToolOptionUse } from '@rejviz/core';

export interface BuilderArgs {
  template: string | null;
  /** The last -o/--output (getopt: the last one wins). */
  output: ToolOptionUse | null;
  format: string | null;
  /** An option that makes virt-builder do something other than build (e.g. --list). */
  nonBuildMode: string | null;
}

type Arity = Pick<ToolInfo, 'options' | 'optionsWithValue'>;

const NON_BUILD = new Set(['-l', '--list', '--notes', '--print-cache', '--cache-all-templates', '--delete-cache', '--get-kernel', '-V', '--version', '--long-options', '--short-options']);
const OUTPUT = new Set(['-o', '--output']);

/** Reads template, output and mode from the passthrough tokens. */
export function readBuilderArgs(args: readonly string[], info: Arity): BuilderArgs {
  const uses = readToolOptions(args, info, true);
  return {
    template: positionalArgs(args, uses)[0]?.value ?? null,
    output: uses.findLast((u) => OUTPUT.has(u.option)) ?? null,
    format: uses.findLast((u) => u.option === '--format')?.value ?? null,
    nonBuildMode: uses.find((u) => NON_BUILD.has(u.option))?.option ?? null,
  };
}

/** The passthrough args with the output pointed at `path` (added when the user gave no -o). */
export function withOutput(args: readonly string[], parsed: BuilderArgs, path: string): string[] {
  return parsed.output ? withOptionValue(args, parsed.output, path) : [...args, '-o', path];
}

/** virt-builder's default output name: TEMPLATE.img, or TEMPLATE.qcow2 with --format qcow2. */
export function defaultOutput(template: string, format: string | null): string {
  return `${template}.${format === 'qcow2' ? 'qcow2' : 'img'}`;
}
