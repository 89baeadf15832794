// virt-sysprep performs customize options only as its "customize" operation, after all its other
// operations. When the user picks operations (--operations/--enable) that operation may not be
// among them, and the plugins' files would be silently dropped; and a plugin may need an operation
// off (rh-subscription-manager deletes the identity that --rhsm-unregister needs). A further
// --operations edits the set ("any further --operations affects the operations enabled so far";
// the first one starts from an empty set, hence "defaults" when the user gave none).
import { UsageError } from '@rejviz/core';

const PICKERS = new Set(['--operations', '--operation', '--enable']);

/** Extra virt-sysprep args for the plan: keep customize on, turn `disable` off. */
export function sysprepOperationArgs(args: readonly string[], hasOps: boolean, disable: readonly string[]): string[] {
  let picked = false;
  for (let i = 0; i < args.length; i++) {
    const tok = args[i]!;
    const eq = tok.indexOf('=');
    const name = tok.startsWith('--') && eq > 0 ? tok.slice(0, eq) : tok;
    if (!PICKERS.has(name)) continue;
    picked = true;
    const value = eq > 0 ? tok.slice(eq + 1) : (args[++i] ?? '');
    if (hasOps && value.split(',').includes('-customize')) {
      throw new UsageError(`${name} ${value}: removes the customize operation, which applies --nic and the other plugins' changes; drop -customize`);
    }
  }
  const off = disable.map((op) => `-${op}`);
  if (!picked) return off.length > 0 ? ['--operations', ['defaults', ...off].join(',')] : [];
  const edits = [...(hasOps ? ['customize'] : []), ...off];
  return edits.length > 0 ? ['--operations', edits.join(',')] : [];
}
