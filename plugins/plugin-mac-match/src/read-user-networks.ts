// Finds the --network options a user passed through to virt-install, the way virt-install's argparse
// would: --network X, --network=X, -w X, -wX, -w=X and unambiguous abbreviations (--net, --netw ...).
// argparse never takes a value that starts with '-' (unless it contains a space), so a plain scan of
// argv agrees with it about which tokens are options.

import { shown, UsageError } from '@rejviz/core';
import { normaliseMac } from '@rejviz/core/nic';
import { splitSubOptions } from './sub-options.js';
import type { UserNetwork } from './types.js';

const HOW = 'write --network network=NAME,mac=MAC,model=virtio';

/** Which option a token is, and the value attached to it (--network=X, -wX), if any. */
interface OptionToken {
  option: 'network' | 'mac' | 'bridge' | 'nonetworks';
  attached: string | undefined;
}

// Long options and the shortest prefix argparse accepts for each among virt-install 4.1's options
// (--ne: no other option starts so; --br: --blkiotune and --boot share --b; --none: --nonsparse shares --non).
const LONG: [OptionToken['option'], string, number][] = [
  ['network', 'network', 2],
  ['bridge', 'bridge', 2],
  ['nonetworks', 'nonetworks', 4],
  ['mac', 'mac', 3], // --ma is ambiguous with --machine; --mac is an exact match
];
const SHORT: Record<string, OptionToken['option']> = { w: 'network', b: 'bridge', m: 'mac' };

function classify(token: string): OptionToken | undefined {
  if (token.startsWith('--')) {
    const eq = token.indexOf('=');
    const name = token.slice(2, eq < 0 ? undefined : eq);
    const attached = eq < 0 ? undefined : token.slice(eq + 1);
    const hit = LONG.find(([, full, shortest]) => name.length >= shortest && full.startsWith(name));
    return hit && { option: hit[0], attached };
  }
  const option = token.length >= 2 && token[0] === '-' ? SHORT[token[1] as string] : undefined;
  if (option === undefined) return undefined;
  const rest = token.slice(2);
  return { option, attached: rest === '' ? undefined : rest.replace(/^=/, '') };
}

/** Reads the user's --network options from virt-install argv; refuses the deprecated --mac/--bridge/--nonetworks. */
export function readUserNetworks(virtInstallArgs: readonly string[]): UserNetwork[] {
  const found: UserNetwork[] = [];
  for (let i = 0; i < virtInstallArgs.length; i++) {
    const token = virtInstallArgs[i] as string;
    if (token === '--') break;
    const hit = classify(token);
    if (hit === undefined) continue;
    if (hit.option !== 'network') {
      throw new UsageError(
        `${token}: virt-install's deprecated --${hit.option} conflicts with the --network options rejviz-install adds; ${HOW} instead`,
      );
    }
    const indexes = [i];
    let value = hit.attached;
    if (value === undefined) {
      const next = virtInstallArgs[i + 1];
      if (next === undefined || (next.startsWith('-') && !next.includes(' '))) throw new UsageError(`${token}: missing value; ${HOW}`);
      value = next;
      indexes.push(++i);
    }
    found.push(resolve(token, value, indexes));
  }
  return found;
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
