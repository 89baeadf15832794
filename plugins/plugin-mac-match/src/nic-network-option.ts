// --nic-network NIC=NETWORK: which libvirt network one guest NIC goes to.

import { isValidInterfaceName, shown, UsageError } from '@rejviz/core';
import type { NicNetworkOption } from './types.js';

const HOW = 'write --nic-network NIC=NETWORK, e.g. eth1=rejviz-isolated';

/** Parses one --nic-network value; whether NIC and NETWORK exist is checked when planning. */
export function parseNicNetworkOption(value: string): NicNetworkOption {
  const eq = value.indexOf('=');
  if (eq < 0) throw new UsageError(`--nic-network ${shown(value)}: not NIC=NETWORK; ${HOW}`);
  return checkNicNetwork(value.slice(0, eq), value.slice(eq + 1), value);
}

/** Checks one NIC-to-network pair (`given` names it in messages as the user wrote it). */
export function checkNicNetwork(nic: string, network: string, given: string): NicNetworkOption {
  const fail = (problem: string) => new UsageError(`--nic-network ${shown(given)}: ${problem}; ${HOW}`);
  if (nic === '') throw fail('the NIC name is empty');
  if (network === '') throw fail('the network name is empty');
  // The names rejviz-builder --nic accepts (core's interface-name.ts).
  if (!isValidInterfaceName(nic)) throw fail(`${shown(nic)} is not a guest interface name (1-15 chars of [A-Za-z0-9_.-], not all digits)`);
  // libvirt refuses '/' in network names, and control characters are never part of one.
  if (/[/\u0000-\u001f\u007f]/.test(network)) throw fail(`${shown(network)} is not a libvirt network name`);
  return { nic, network };
}
