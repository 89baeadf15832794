// Splits the compact --nic syntax (KEY=VALUE items separated by ',') into a key map, rejecting
// everything the original rejviz silently accepted: bare items, unknown and repeated keys, empty values.

import { shown } from '@rejviz/core';
import { NicDiagnostics, nicLabel } from './nic-diagnostics.js';
import { isValidInterfaceName } from '@rejviz/core/nic';
import { NIC_KEYS, type NicKey } from './nic-keys.js';

function isNicKey(key: string): key is NicKey {
  return (NIC_KEYS as readonly string[]).includes(key);
}

/** The split option: its items by key, plus the diagnostics labelled for this NIC. */
export interface NicItems {
  items: Map<NicKey, string>;
  diag: NicDiagnostics;
}

// Label syntax errors with the NIC's name when exactly one valid name= item is present, so that
// messages read "--nic eth1: …" as often as possible; otherwise quote the whole raw value.
function labelFor(raw: string, pieces: string[]): string {
  const names = pieces.filter((p) => p.startsWith('name=')).map((p) => p.slice('name='.length));
  const only = names.length === 1 ? names[0] : undefined;
  return nicLabel(only !== undefined && isValidInterfaceName(only) && only !== 'lo' ? only : undefined, raw);
}

/** Splits one --nic value into KEY=VALUE items (docs/network-formats.md#bad-nic-input, rows 2-5, 31). */
export function splitNicOption(raw: string): NicItems {
  const pieces = raw.split(',');
  // Explicitly typed so that diag.fail() narrows (TS only trusts annotated `never` calls).
  const diag: NicDiagnostics = new NicDiagnostics(labelFor(raw, pieces));
  const items = new Map<NicKey, string>();
  for (const piece of pieces) {
    const eq = piece.indexOf('=');
    if (piece === '') diag.fail(`empty item (stray ','); write KEY=VALUE items separated by single commas`);
    if (eq < 0) {
      diag.fail(
        `item ${shown(piece)} is not KEY=VALUE (values cannot contain ','; give DNS servers as dns1=…,dns2=…)`,
      );
    }
    const key = piece.slice(0, eq);
    const value = piece.slice(eq + 1);
    if (!isNicKey(key)) diag.fail(`unknown key ${shown(key)} (known: ${NIC_KEYS.join(', ')})`);
    if (items.has(key)) diag.fail(`key '${key}' given more than once; give each key once`);
    if (value === '') diag.fail(`key '${key}' has an empty value; drop the key or give a value`);
    if (value.includes('=')) {
      diag.fail(`value ${shown(value)} of key '${key}' contains '='; --nic values cannot contain ',' or '='`);
    }
    items.set(key, value);
  }
  return { items, diag };
}

/**
 * The items of a NIC given as data (a library request, a lab file): an object of the same keys
 * as --nic, whose values are strings, numbers (mtu, prefix) or booleans (defroute, onlink).
 * `label` names it in messages, e.g. 'options.nics[1]'. The same checks as for the compact form.
 */
export function nicItemsFromData(value: Readonly<Record<string, unknown>>, label: string): NicItems {
  const name = value.name;
  const diag: NicDiagnostics = new NicDiagnostics(typeof name === 'string' && isValidInterfaceName(name) && name !== 'lo' ? `${label} (${name})` : label);
  const items = new Map<NicKey, string>();
  for (const [key, v] of Object.entries(value)) {
    if (!isNicKey(key)) diag.fail(`unknown key ${shown(key)} (known: ${NIC_KEYS.join(', ')})`);
    const text = typeof v === 'boolean' ? (v ? 'yes' : 'no') : typeof v === 'number' ? String(v) : v;
    if (typeof text !== 'string') diag.fail(`key '${key}' must be a string, number or boolean`);
    if (text === '') diag.fail(`key '${key}' has an empty value; drop the key or give a value`);
    items.set(key, text);
  }
  return { items, diag };
}
