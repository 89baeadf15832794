// Which revision of a virt-builder template a build would get: the checksum and revision lines of
// the repository index virt-builder reads for it. virt-builder's --list does not show them, so
// the index is read here, found the way virt-builder finds its sources (virt-builder(1), "SOURCES
// OF TEMPLATES"): --source URLs when given, else the .conf files in
// $XDG_CONFIG_HOME/virt-builder/repos.d and in each $VIRT_BUILDER_DIRS/virt-builder/repos.d
// (/etc when unset). rejviz-up keys its template cache on the result, so a template that changed
// in its repository is built again. Only file:// indexes are read: reading a remote one would be
// a download of its own; a template from a remote repository is known by its name alone.
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TemplateRevision {
  /** The index the template was found in (its URI). */
  index: string;
  /** checksum[sha512] (or checksum) of the template file, null when the index has none. */
  checksum: string | null;
  revision: string | null;
}

/** The index URIs virt-builder would read, in its order. */
export async function templateSources(env: NodeJS.ProcessEnv, toolArgs: readonly string[] = []): Promise<string[]> {
  const given: string[] = [];
  for (let i = 0; i < toolArgs.length; i++) {
    const a = toolArgs[i]!;
    if (a === '--source' && toolArgs[i + 1] !== undefined) given.push(toolArgs[++i]!);
    else if (a.startsWith('--source=')) given.push(a.slice('--source='.length));
  }
  if (given.length > 0) return given;
  const configHome = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  const dirs = [join(configHome, 'virt-builder', 'repos.d'), ...(env.VIRT_BUILDER_DIRS || '/etc').split(':').filter(Boolean).map((d) => join(d, 'virt-builder', 'repos.d'))];
  const uris: string[] = [];
  for (const dir of dirs) {
    const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.conf')).sort();
    for (const f of files) {
      const text = await readFile(join(dir, f), 'utf8').catch(() => '');
      for (const line of text.split('\n')) {
        const m = /^\s*uri\s*=\s*(\S+)\s*$/.exec(line);
        if (m) uris.push(m[1]!);
      }
    }
  }
  return uris;
}

/** The body of an index, without the armour of a clearsigned one. */
export function indexBody(text: string): string {
  if (!text.startsWith('-----BEGIN PGP SIGNED MESSAGE-----')) return text;
  const lines = text.split('\n');
  const start = lines.indexOf('') + 1; // after the Hash: header lines
  const end = lines.findIndex((l) => l.startsWith('-----BEGIN PGP SIGNATURE-----'));
  return lines.slice(start, end < 0 ? undefined : end).map((l) => (l.startsWith('- ') ? l.slice(2) : l)).join('\n');
}

/** The checksum and revision of template OS_VERSION in an index's text (null: not in it). */
export function readIndexEntry(text: string, osVersion: string, arch = 'x86_64'): Omit<TemplateRevision, 'index'> | null {
  let section: string | null = null;
  let fields: Record<string, string> = {};
  const found: Record<string, string>[] = [];
  const close = () => {
    if (section === osVersion) found.push(fields);
  };
  for (const raw of indexBody(text).split('\n')) {
    const header = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      close();
      section = header[1]!;
      fields = {};
      continue;
    }
    const kv = /^([A-Za-z_]+(?:\[[^\]]*\])?)\s*=\s*(.*)$/.exec(raw);
    if (kv && section !== null) fields[kv[1]!] = kv[2]!;
  }
  close();
  // Several entries of one name differ by arch (an entry without arch= is x86_64).
  const entry = found.find((f) => (f.arch ?? 'x86_64') === arch) ?? null;
  if (!entry) return null;
  return { checksum: entry['checksum[sha512]'] ?? entry.checksum ?? null, revision: entry.revision ?? null };
}

/** Where template OS_VERSION comes from and which revision of it (null: in no file:// index). */
export async function templateRevision(osVersion: string, env: NodeJS.ProcessEnv, toolArgs: readonly string[] = []): Promise<TemplateRevision | null> {
  for (const uri of await templateSources(env, toolArgs)) {
    if (!uri.startsWith('file://')) continue;
    const text = await readFile(fileURLToPath(uri), 'utf8').catch(() => null);
    const entry = text === null ? null : readIndexEntry(text, osVersion);
    if (entry) return { index: uri, ...entry };
  }
  return null;
}
