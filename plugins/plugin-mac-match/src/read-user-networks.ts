// The --network options a user passed through to virt-install, from the uses core's tool-args read
// with virt-install's own option table (InstallContext.userOptions: --network X, --network=X,
// -w X, -wX and unambiguous abbreviations such as --net). virt-install 4 also still accepts the
// old --mac, --bridge and --nonetworks (-m, -b), hidden from its --help and so from that table:
// only those are looked for in argv here, to refuse them.

import { shown, UsageError, type ToolOptionUse } from '@rejviz/core';
import { normaliseMac } from '@rejviz/core/nic';
import { splitSubOptions } from '@rejviz/core';
import type { UserNetwork } from './types.js';

const HOW = 'write --network network=NAME,mac=MAC,model=virtio';

// The hidden options by their shortest accepted spelling (--ma is ambiguous with --machine).
const HIDDEN: [string, string, number][] = [['mac', 'mac', 3], ['bridge', 'bridge', 2], ['nonetworks', 'nonetworks', 4]];
const HIDDEN_SHORT: Record<string, string> = { m: 'mac', b: 'bridge' };

function hiddenOption(token: string): string | undefined {
  if (token.startsWith('--')) {
    const name = token.slice(2).split('=')[0] as string;
    return HIDDEN.find(([, full, shortest]) => name.length >= shortest && full.startsWith(name))?.[0];
  }
  return token.length >= 2 && token[0] === '-' ? HIDDEN_SHORT[token[1] as string] : undefined;
}

/** The user's --network options (from `uses`); refuses the deprecated --mac/--bridge/--nonetworks in `args`. */
export function readUserNetworks(uses: readonly ToolOptionUse[], args: readonly string[]): UserNetwork[] {
  const taken = new Set(uses.flatMap((u) => u.indexes.slice(1)));
  for (let i = 0; i < args.length && args[i] !== '--'; i++) {
    // A value of another option (--metadata description=-m) is not an option.
    const hidden = taken.has(i) ? undefined : hiddenOption(args[i] as string);
    if (hidden !== undefined) {
      throw new UsageError(`${args[i]}: virt-install's deprecated --${hidden} conflicts with the --network options rejviz-install adds; ${HOW} instead`);
    }
  }
  return uses.filter((use) => use.option === '--network').map((use) => {
    const token = args[use.indexes[0] as number] as string;
    // argparse takes no token that looks like an option as a value (virt-install would stop there).
    if (use.value === null || (use.indexes.length === 2 && use.value.startsWith('-') && !use.value.includes(' '))) {
      throw new UsageError(`${token}: missing value; ${HOW}`);
    }
    return resolve(token, use.value, use.indexes);
  });
}

/** `args` without the tokens of the given user --network options (the plan re-adds them in order). */
export function withoutUserNetworks(args: readonly string[], users: readonly UserNetwork[]): string[] {
  const drop = new Set(users.flatMap((user) => user.argvIndexes));
  return args.filter((_, index) => !drop.has(index));
}

// Resolves type, source, MAC and model the way virtinst's ParserNetwork does.
function resolve(token: string, value: string, argvIndexes: number[]): UserNetwork {
  const empty = { value, argvIndexes, items: [], none: false, type: null, source: null, mac: null, model: null };
  if (value === 'none') return { ...empty, none: true };
  // The old form network:NAME / bridge:NAME, which virt-install still converts.
  const modern = value.replace(/^(network|bridge):/, '$1=');
  const split = splitSubOptions(modern);
  if ('error' in split) throw new UsageError(`${token} ${shown(value)}: ${split.error}; ${HOW}`);
  const items = split;
  const get = (...keys: string[]) => {
    const item = items.findLast(([key]) => keys.includes(key));
    return item?.[1] ?? undefined;
  };
  // A leading bare item is the type (--network user, --network default,model=virtio).
  const first = items[0];
  const bareType = first !== undefined && first[1] === null ? first[0] : undefined;
  let type = get('type') ?? bareType ?? null;
  let source = get('source') ?? null;
  if (type === null) {
    const network = get('network');
    const bridge = get('bridge');
    if (network !== undefined) [type, source] = ['network', network];
    else if (bridge !== undefined) [type, source] = ['bridge', bridge];
  }
  const macText = get('mac', 'mac.address');
  let mac: string | null = null;
  if (macText !== undefined && macText !== 'RANDOM') {
    mac = normaliseMac(macText, 'libvirt') ?? null;
    if (mac === null) throw new UsageError(`${token} ${shown(value)}: mac=${shown(macText)} is not a MAC address; ${HOW}`);
  }
  return { ...empty, items, type, source, mac, model: get('model', 'model.type') ?? null };
}
