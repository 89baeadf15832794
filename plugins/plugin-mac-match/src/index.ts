// Public surface of @rejviz/plugin-mac-match: the pure planning behind rejviz-install's domain NICs.
export type {
  DefinedDomain, DhcpRange, DomainInterface, DomainNicPlan, IpFamily, LibvirtNetwork, NetworkIp, NicNetworkOption,
  NicSource, PlannedNic, UserNetwork,
} from './types.js';
export { parseNicNetworkOption } from './nic-network-option.js';
export { readUserNetworks, withoutUserNetworks } from './read-user-networks.js';
export { planDomainNics, type PlanDomainNicsInput } from './plan-domain-nics.js';
export { networkArg } from './network-arg.js';
export { findingsVerdicts, nicVerdicts, type VerdictKind } from './nic-verdicts.js';
