// IPv6 text handling lives in core (@rejviz/core/nic, shared with the manifest reader); the renderers import it from here.
export { ipv6InSubnet, ipv6Unusable, isIpv6LinkLocal, parseIpv6 } from '@rejviz/core/nic';
