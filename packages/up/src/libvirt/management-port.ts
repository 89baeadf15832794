// Where a machine's management NIC (create/management-nic.ts) forwards the guest's ssh port: read
// from the domain's XML, its <qemu:commandline>, since libvirt itself does not know that NIC.

/** The port of a management NIC in a domain's XML, or null. */
export function managementPortInXml(domainXml: string): number | null {
  const m = /hostfwd=tcp:127\.0\.0\.1:(\d+)-:22\b/.exec(domainXml);
  return m ? Number(m[1]) : null;
}
