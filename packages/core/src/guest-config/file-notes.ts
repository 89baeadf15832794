// Where a parser's problems go: every note names the file (and line, when known), and a file that
// yields no NIC but has problems still shows them, on one placeholder entry.
import { emptyNicConfig, type GuestConfigFormat, type GuestNicConfig } from './types.js';

/** "FILE:LINE: message", or "FILE: message" when the line is not known. */
export function lineNote(file: string, line: number | null, message: string): string {
  return line === null ? `${file}: ${message}` : `${file}:${line}: ${message}`;
}

/**
 * Puts notes about the file as a whole before the first config's own notes. Without any config they
 * go on a placeholder (no MAC, no name, bootproto null, no addresses) so they are not lost.
 */
export function withFileNotes(format: GuestConfigFormat, file: string, configs: GuestNicConfig[], notes: string[]): GuestNicConfig[] {
  if (notes.length === 0) return configs;
  const [first, ...rest] = configs;
  if (first === undefined) return [{ ...emptyNicConfig(format, file), notes }];
  return [{ ...first, notes: [...notes, ...first.notes] }, ...rest];
}

/** True for the placeholder withFileNotes() makes: it carries notes and configures nothing. */
export function isNotesOnly(config: GuestNicConfig): boolean {
  return config.mac === null && config.name === null && config.bootproto === null && config.addresses.length === 0
    && config.gateway === null && config.gateway6 === null && config.dns.length === 0 && config.mtu === null;
}
