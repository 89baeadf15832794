// IPv4 arithmetic lives in core (@rejviz/core/nic, shared with the manifest reader); the renderers import it from here.
export { broadcastOf, formatIpv4, ipv4Unusable, isIpv4LinkLocal, isNetworkOrBroadcast, maskToPrefix, networkOf, parseIpv4, prefixToMask } from '@rejviz/core/nic';
