// What rejviz-builder needs to know about the virt-builder arguments it passes through: the
// template, the output file and format, and whether this is a build at all (--list, --notes ...
// are plain proxies).

export interface BuilderArgs {
  template: string | null;
  /** The -o/--output value and the index of the token(s) holding it. */
  output: { value: string; index: number; inline: boolean } | null;
  format: string | null;
  /** An option that makes virt-builder do something other than build (e.g. --list). */
  nonBuildMode: string | null;
}

const NON_BUILD = new Set(['-l', '--list', '--notes', '--print-cache', '--cache-all-templates', '--delete-cache', '--get-kernel', '-V', '--version', '--long-options', '--short-options']);

/** Reads template, output and mode from passthrough tokens (values of value-taking options skipped). */
export function readBuilderArgs(args: readonly string[], optionsWithValue: ReadonlySet<string>): BuilderArgs {
  const out: BuilderArgs = { template: null, output: null, format: null, nonBuildMode: null };
  for (let i = 0; i < args.length; i++) {
    const tok = args[i]!;
    const eq = tok.startsWith('--') ? tok.indexOf('=') : -1;
    const name = eq > 0 ? tok.slice(0, eq) : tok;
    if (NON_BUILD.has(name)) out.nonBuildMode ??= name;
    if (name === '-o' || name === '--output') {
      out.output = eq > 0 ? { value: tok.slice(eq + 1), index: i, inline: true } : { value: args[i + 1] ?? '', index: i + 1, inline: false };
    }
    if (name === '--format') out.format = eq > 0 ? tok.slice(eq + 1) : (args[i + 1] ?? null);
    if (tok.startsWith('-')) {
      if (eq < 0 && optionsWithValue.has(tok)) i++;
      continue;
    }
    out.template ??= tok;
  }
  return out;
}

/** The passthrough args with the output pointed at `path` (added when the user gave no -o). */
export function withOutput(args: readonly string[], parsed: BuilderArgs, path: string): string[] {
  const copy = [...args];
  if (!parsed.output) return [...copy, '-o', path];
  copy[parsed.output.index] = parsed.output.inline ? `${copy[parsed.output.index]!.split('=')[0]}=${path}` : path;
  return copy;
}

/** virt-builder's default output name: TEMPLATE.img, or TEMPLATE.qcow2 with --format qcow2. */
export function defaultOutput(template: string, format: string | null): string {
  return `${template}.${format === 'qcow2' ? 'qcow2' : 'img'}`;
}
