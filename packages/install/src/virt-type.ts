// The TCG fallback (product behaviour, not a test aid): where KVM is missing or unusable, domains
// on a QEMU connection get --virt-type qemu, unless the user chose a virt type.
import { loadHostFacts, type Runner } from '@rejviz/core';

/** The connection virt-install will use: --connect, else $LIBVIRT_DEFAULT_URI, else root's qemu:///system. */
export function effectiveUri(uri: string | null, env: NodeJS.ProcessEnv): string | null {
  return uri ?? env.LIBVIRT_DEFAULT_URI ?? (process.getuid?.() === 0 ? 'qemu:///system' : null);
}

/** The arguments to add and the notice to print, or null when nothing is to be added. */
export async function virtTypeFallback(userVirtType: string | null, uri: string | null, runner: Runner, env: NodeJS.ProcessEnv): Promise<{ args: string[]; notice: string } | null> {
  if (userVirtType !== null) return null;
  // Only QEMU connections run guests under KVM or TCG (test:///, lxc:/// ... have their own types).
  const target = effectiveUri(uri, env);
  if (target !== null && !/^qemu(\+\w+)?:/.test(target)) return null;
  const facts = await loadHostFacts(runner, env);
  if (facts.virtType !== 'qemu') return null;
  return { args: ['--virt-type', 'qemu'], notice: `KVM is not usable here (${facts.reason}); the guest runs under TCG (--virt-type qemu), which is slower; pass --virt-type to choose` };
}
