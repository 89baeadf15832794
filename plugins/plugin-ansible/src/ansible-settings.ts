// The lab-wide `plugins: { ansible: {...} }` section of a lab file: the playbooks to run against
// the lab (rejviz-up resolves the file's top-level `playbooks:` into it, as absolute paths) and
// which /etc/hosts blocks to write. Unknown keys are errors, not ignored.
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { hasControl, shown, UsageError } from '@rejviz/core';

export interface AnsibleSettings {
  /** Playbook files (absolute paths), run in this order. */
  playbooks: string[];
  /** guests: a block in each guest's /etc/hosts (default true); host: one in this host's (default false). */
  etcHosts: { guests: boolean; host: boolean };
}

/** The section's name under the lab file's `plugins:`. */
export const ANSIBLE_SECTION = 'ansible';

const KEYS = ['playbooks', 'etcHosts'];
const ETC_HOSTS_KEYS = ['guests', 'host'];
const PLAYBOOKS_FIX = "give the lab's playbooks in the lab file's top-level playbooks: (paths relative to the file)";

function valueText(value: unknown): string {
  return shown(typeof value === 'string' ? value : JSON.stringify(value) ?? String(value));
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKey(section: Record<string, unknown>, at: string, known: readonly string[]): void {
  const key = Object.keys(section).find((k) => !known.includes(k));
  if (key !== undefined) throw new UsageError(`${at}: unknown key ${shown(key)}; the keys here are ${known.join(', ')}`);
}

/** The lab's settings from its lab-wide sections (defaults when it has no ansible section). */
export function readAnsibleSettings(plugins: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined): AnsibleSettings {
  const section = plugins?.[ANSIBLE_SECTION] ?? {};
  const at = `plugins.${ANSIBLE_SECTION}`;
  unknownKey(section, at, KEYS);
  const { playbooks = [], etcHosts = {} } = section as Record<string, unknown>;
  if (!Array.isArray(playbooks)) throw new UsageError(`${at}.playbooks: ${valueText(playbooks)} is not a list; ${PLAYBOOKS_FIX}`);
  for (const [i, playbook] of playbooks.entries()) {
    // Absolute: ansible-playbook gets it as an argument, where a leading '-' would be an option.
    if (typeof playbook !== 'string' || !isAbsolute(playbook) || hasControl(playbook)) {
      throw new UsageError(`${at}.playbooks[${i}]: ${valueText(playbook)} is not an absolute path; ${PLAYBOOKS_FIX}`);
    }
  }
  if (!isMap(etcHosts)) throw new UsageError(`${at}.etcHosts: ${valueText(etcHosts)} is not a map; write e.g. etcHosts: { guests: true, host: false }`);
  unknownKey(etcHosts, `${at}.etcHosts`, ETC_HOSTS_KEYS);
  const { guests = true, host = false } = etcHosts;
  for (const [key, value] of [['guests', guests], ['host', host]] as const) {
    if (typeof value !== 'boolean') throw new UsageError(`${at}.etcHosts.${key}: ${valueText(value)} is not valid; write true or false`);
  }
  return { playbooks: playbooks as string[], etcHosts: { guests: guests as boolean, host: host as boolean } };
}

/** Throws when a playbook is not a file (checked at plan time, before any machine is made). */
export function checkPlaybookFiles(playbooks: readonly string[]): void {
  for (const [i, playbook] of playbooks.entries()) {
    let file = false;
    try {
      file = statSync(playbook).isFile();
    } catch {
      // not there, or not readable: said below
    }
    if (!file) throw new UsageError(`plugins.${ANSIBLE_SECTION}.playbooks[${i}]: ${shown(playbook)} is not a file; ${PLAYBOOKS_FIX}`);
  }
}
