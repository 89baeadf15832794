// Reads many things from an image in ONE libguestfs appliance launch (about 20 s under TCG each):
// every command's output is framed by echo markers so the answers can be told apart.
import { createRunner } from '@rejviz/core';

export interface GuestfishOptions {
  env: Record<string, string>;
  /** Mount the guest by inspection (-i) rather than naming the root device. */
  inspect?: boolean;
  format?: 'raw' | 'qcow2';
}

/** Runs the commands in one read-only guestfish session; returns each command's output. */
export async function guestfishRead(image: string, commands: string[], opts: GuestfishOptions): Promise<string[]> {
  const mark = (i: number) => `@@RJV-${i}@@`;
  const script = commands.flatMap((c, i) => [`echo ${mark(i)}`, `-${c}`]).join('\n') + `\necho ${mark(commands.length)}\n`;
  const args = ['--ro', ...(opts.format ? [`--format=${opts.format}`] : []), '-a', image, opts.inspect === false ? '-m' : '-i'];
  if (opts.inspect === false) args.push('/dev/sda1');
  const res = await createRunner().run('guestfish', args, { env: opts.env, input: script, allowFailure: true });
  const out = res.stdout;
  return commands.map((_, i) => {
    const start = out.indexOf(`${mark(i)}\n`);
    const end = out.indexOf(`${mark(i + 1)}\n`);
    if (start < 0 || end < 0) throw new Error(`guestfish output incomplete (exit ${res.exitCode}): ${res.stderr}`);
    return out.slice(start + mark(i).length + 1, end);
  });
}
