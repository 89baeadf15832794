// Reading the guest's network configuration files in the same guestfish session as the probes:
// glob-expand lists them into a host file, and a host awk turns that list into one `cat` per file,
// each framed by a marker line and the path on the next line (paths may hold spaces).
import { PROBE_DIR_ENV, PROBE_MARKER } from './probe-script.js';

/** One guest file read by the script. */
export interface GuestFileText {
  path: string;
  content: string;
}

const dir = `"$${PROBE_DIR_ENV}"`;

/** guestfish lines that print every file matching `globs` (absolute guest paths). */
export function configFileCommands(globs: readonly string[]): string[] {
  if (globs.length === 0) return [];
  const list = `${dir}/configs`;
  return [
    `-glob-expand /{${globs.map((g) => g.slice(1)).join(',')}} | tee ${list}`,
    // Quoted for guestfish, which splits arguments at spaces; `-` keeps one unreadable file from ending the script.
    `<! test -s ${list} && awk '{ printf "echo ${PROBE_MARKER} file\\necho \\"%s\\"\\n-cat \\"%s\\"\\n", $0, $0 }' ${list}; true`,
  ];
}

/** The files printed by configFileCommands, from the script's stdout. */
export function parseConfigFiles(stdout: string): GuestFileText[] {
  const files: GuestFileText[] = [];
  const parts = stdout.split(`${PROBE_MARKER} `);
  for (const part of parts) {
    if (!part.startsWith('file\n')) continue;
    const rest = part.slice('file\n'.length);
    const newline = rest.indexOf('\n');
    if (newline < 0) continue;
    files.push({ path: rest.slice(0, newline), content: rest.slice(newline + 1) });
  }
  return files;
}
