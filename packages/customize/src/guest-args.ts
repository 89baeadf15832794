// What rejviz-customize/-sysprep need from the arguments they pass through to virt-customize or
// virt-sysprep: the disk images (-a, with the --format in force for each), the domain (-d) and
// the libvirt URI (-c). The arguments themselves are passed on untouched.

export interface GuestArgs {
  images: { path: string; format: string | null }[];
  domain: string | null;
  uri: string | null;
}

/** Reads -a/--add, -d/--domain, -c/--connect and --format from passthrough tokens. */
export function readGuestArgs(args: readonly string[], optionsWithValue: ReadonlySet<string>): GuestArgs {
  const out: GuestArgs = { images: [], domain: null, uri: null };
  let format: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const tok = args[i]!;
    const eq = tok.startsWith('--') ? tok.indexOf('=') : -1;
    const name = eq > 0 ? tok.slice(0, eq) : tok;
    const takes = eq < 0 && optionsWithValue.has(tok);
    const value = eq > 0 ? tok.slice(eq + 1) : takes ? (args[i + 1] ?? '') : '';
    if (name === '-a' || name === '--add') out.images.push({ path: value, format: format === 'auto' ? null : format });
    else if (name === '-d' || name === '--domain') out.domain = value;
    else if (name === '-c' || name === '--connect') out.uri = value;
    else if (name === '--format') format = value;
    if (takes) i++;
  }
  return out;
}
