// A file a plugin wants in the guest image. Files become write/chmod operations, and --dry-run
// shows them (path, mode, owner, content) before anything runs.

export interface GuestFile {
  path: string;
  /** Permission bits, e.g. 0o600. */
  mode: number;
  owner: 'root';
  uid: number;
  gid: number;
  content: string;
}

/** Octal text of a mode as virt-customize's --chmod wants it ("use 0700 not 700"). */
export function octalMode(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}
