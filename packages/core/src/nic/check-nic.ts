// All rules for one NIC, in the order a user fixes things: name, MAC, bootproto, addresses,
// gateways, DNS, MTU. The one validator behind --nic (plugin-nic) and manifest NICs (manifest-nics.ts).
import { checkAddresses } from './check-addresses.js';
import { checkGateways } from './check-gateways.js';
import { checkMac } from './check-mac.js';
import { checkBootproto, checkDns, checkMtu } from './check-settings.js';
import { interfaceNameProblem } from './interface-name.js';
import type { NicConfig } from './nic-config.js';
import type { NicReport, NicWords } from './nic-words.js';

/** What the caller knows beyond the NIC itself. */
export interface NicCheckOptions {
  /** False when bootproto was not given but derived from the addresses (default true). */
  bootprotoGiven?: boolean;
}

/** Checks one NIC; returns it with canonical texts (MAC, IPv6, DNS). The first problem fails through `report`. */
export function checkNic(nic: NicConfig, words: NicWords, report: NicReport, options: NicCheckOptions = {}): NicConfig {
  const nameProblem = interfaceNameProblem(nic.name);
  if (nameProblem) report.fail(`${words.nameIntro}${nameProblem}`);
  const mac = nic.mac === undefined ? undefined : checkMac(nic.mac, words, report);
  checkBootproto(nic, options.bootprotoGiven ?? true, words, report);
  const addressed = { ...nic, ipv4: checkAddresses(4, nic.ipv4, words, report), ipv6: checkAddresses(6, nic.ipv6, words, report) };
  const gateways = checkGateways(addressed, words, report);
  const dns = checkDns(addressed, words, report);
  checkMtu(addressed, words, report);
  return {
    name: nic.name,
    ...(mac !== undefined && { mac }),
    bootproto: nic.bootproto,
    ipv4: addressed.ipv4,
    ipv6: addressed.ipv6,
    ...gateways,
    dns,
    ...(nic.mtu !== undefined && { mtu: nic.mtu }),
    ...(nic.defroute !== undefined && { defroute: nic.defroute }),
    ...(nic.onlink !== undefined && { onlink: nic.onlink }),
  };
}
