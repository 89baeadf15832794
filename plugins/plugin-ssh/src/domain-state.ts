// A lab machine's libvirt domain state, as `virsh domstate DOMAIN --reason` prints it
// ("running (booted)", "shut off (destroyed)", "crashed (panicked)"), and whether it means the
// machine cannot become ready any more: a guest that is shut off or crashed stays so until someone
// starts it, so waiting for its ssh is waiting for nothing.
import type { Runner } from '@rejviz/core';

export interface DomainState {
  /** What virsh printed, or its error: "running (booted)", "failed to get domain 'x'". */
  text: string;
  /** True when the domain is shut off, crashed, or gone. */
  stopped: boolean;
}

const STOPPED = /^(shut off|crashed)\b/;
const GONE = /failed to get domain|Domain not found/i;

/** Reads the domain's state; a virsh that cannot tell (libvirt down) is reported, never thrown. */
export async function domainState(runner: Runner, connect: readonly string[], domain: string): Promise<DomainState> {
  const res = await runner.run('virsh', [...connect, 'domstate', domain, '--reason'], { allowFailure: true, readOnly: true, timeoutMs: 30_000 });
  const text = (res.exitCode === 0 ? res.stdout : res.stderr).trim().replace(/^error:\s*/gm, '').replace(/\n+/g, '; ');
  return { text, stopped: res.exitCode === 0 ? STOPPED.test(text) : GONE.test(text) };
}
