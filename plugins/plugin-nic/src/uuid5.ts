// Name-based (SHA-1, version 5) UUIDs per RFC 4122 §4.3, for deterministic NetworkManager profile ids.

import { createHash } from 'node:crypto';

/** rejviz's own namespace: profiles it writes never share UUIDs with cloud-init's or NM's. */
export const REJVIZ_UUID_NAMESPACE = 'c1fe4459-f410-46d6-af49-da60f2449212';

/** The version-5 UUID of `name` in `namespace` (a UUID string). */
export function uuid5(name: string, namespace: string = REJVIZ_UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
