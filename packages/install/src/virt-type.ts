// The TCG fallback (product behaviour, not a test aid): where KVM is missing or unusable, domains
// on a QEMU connection get --virt-type qemu, unless the user chose a virt type, and the most
// capable CPU QEMU emulates (--cpu mode=maximum, libvirt's <cpu mode='maximum'/>, QEMU's -cpu
// max), unless the user chose a CPU. QEMU's default CPU under TCG is qemu64, which lacks SSSE3,
// SSE4.1, SSE4.2 and POPCNT (QMP query-cpu-model-expansion, QEMU 7.2): x86-64-v2, which the EL 9
// family's glibc requires ("Fatal glibc error: CPU does not support x86-64-v2"), and short of
// the x86-64-v3 of EL 10. max has both under TCG. Boot of the debian-12 fixture to its login
// prompt, TCG, 2 rounds each: 25.5 and 22.9 s with qemu64, 24.8 and 23.8 s with max.
import { loadHostFacts, type Runner } from '@rejviz/core';

/** The connection virt-install will use: --connect, else $LIBVIRT_DEFAULT_URI, else root's qemu:///system. */
export function effectiveUri(uri: string | null, env: NodeJS.ProcessEnv): string | null {
  return uri ?? env.LIBVIRT_DEFAULT_URI ?? (process.getuid?.() === 0 ? 'qemu:///system' : null);
}

/** The arguments to add and the notice to print, or null when nothing is to be added. */
export async function virtTypeFallback(userVirtType: string | null, userCpu: string | null, uri: string | null, runner: Runner, env: NodeJS.ProcessEnv): Promise<{ args: string[]; notice: string } | null> {
  if (userVirtType !== null) return null;
  // Only QEMU connections run guests under KVM or TCG (test:///, lxc:/// ... have their own types).
  const target = effectiveUri(uri, env);
  if (target !== null && !/^qemu(\+\w+)?:/.test(target)) return null;
  const facts = await loadHostFacts(runner, env);
  if (facts.virtType !== 'qemu') return null;
  const tcg = `KVM is not usable here (${facts.reason}); the guest runs under TCG (--virt-type qemu), which is slower`;
  if (userCpu !== null) return { args: ['--virt-type', 'qemu'], notice: `${tcg}; pass --virt-type to choose` };
  return {
    args: ['--virt-type', 'qemu', '--cpu', 'mode=maximum'],
    notice: `${tcg}, with every CPU feature QEMU emulates (--cpu mode=maximum: its default CPU lacks the x86-64-v2 that EL 9 needs); pass --virt-type or --cpu to choose`,
  };
}
