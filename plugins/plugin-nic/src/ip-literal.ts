// Family-agnostic address helpers live in core (@rejviz/core/nic, shared with the manifest reader); the renderers import them from here.
export { inSubnet, intendedFamily, parseIpLiteral, type IpFamily } from '@rejviz/core/nic';
