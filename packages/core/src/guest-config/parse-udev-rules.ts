// udev rules that name a NIC by MAC, as in EL6's /etc/udev/rules.d/70-persistent-net.rules:
//   SUBSYSTEM=="net", ACTION=="add", ATTR{address}=="52:54:00:12:34:56", NAME="eth0"
// Each such rule ties a name to a MAC; other rules are not NIC configurations.
import { continuedLines } from './continued-lines.js';
import { lineNote } from './file-notes.js';
import { normaliseMac } from '../nic/mac-address.js';
import { emptyNicConfig, type GuestConfigFile, type GuestNicConfig } from './types.js';

// Anchored at the rule start or a comma, so a long run of letters cannot make matching quadratic.
const PAIR = /(?:^|,)\s*([A-Za-z_]+(?:\{[^}]*\})?)\s*(==|!=|\+=|-=|:=|=)\s*"((?:[^"\\]|\\.)*)"/g;

/** One config per rule that matches ATTR{address} and assigns NAME. */
export function parseUdevRules(file: GuestConfigFile): GuestNicConfig[] {
  const configs: GuestNicConfig[] = [];
  for (const { text, line } of continuedLines(file.content)) {
    const pairs = [...text.matchAll(PAIR)].map((m) => ({ key: m[1] as string, op: m[2] as string, value: m[3] as string }));
    const address = pairs.find((p) => /^ATTRS?\{address\}$/.test(p.key) && p.op === '==');
    const name = pairs.find((p) => p.key === 'NAME' && (p.op === '=' || p.op === ':='));
    if (address === undefined || name === undefined) continue;
    const config = { ...emptyNicConfig('udev', file.path), name: name.value };
    config.mac = normaliseMac(address.value, 'guest') ?? null;
    if (config.mac === null) config.notes.push(lineNote(file.path, line, `${address.key}=="${address.value}" is not one MAC address`));
    configs.push(config);
  }
  return configs;
}
