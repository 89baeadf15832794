// RHEL >= 10 has no `subscription-manager attach` (Simple Content Access only), so attaching is
// skipped there with a notice.

/** The RHEL major version of an osinfo id ('rhel10.0' -> 10), or null for other systems. */
export function rhelMajor(osinfo: string | null): number | null {
  const m = /^rhel(\d+)(?:[.-]|$)/.exec(osinfo ?? '');
  return m ? Number(m[1]) : null;
}

/** False only when the guest is known to be RHEL >= 10; an unknown guest keeps the attach. */
export function attachSupported(osinfo: string | null): boolean {
  const major = rhelMajor(osinfo);
  return major === null || major < 10;
}
