// Which revision of a virt-builder template a build would get: the checksum and revision lines of
// the repository index virt-builder reads for it. virt-builder's --list does not show them, so
// the index is read here, found the way virt-builder finds its sources (virt-builder(1), "SOURCES
// OF TEMPLATES"): --source URLs when given, else the .conf files in
// $XDG_CONFIG_HOME/virt-builder/repos.d and in each $VIRT_BUILDER_DIRS/virt-builder/repos.d
// (/etc when unset). rejviz-up keys its template cache on the result, so a template that changed
// in its repository is built again. A file:// index is read from disk; an http(s) one is fetched
// with curl, the program virt-builder itself downloads with (same proxies, same TLS trust), once
// per index per run, and a copy kept in $XDG_CACHE_HOME/rejviz/indexes. When a remote index
// cannot be read (offline, a proxy), the copy fetched last stands in, with a notice, so an offline
// `rejviz-up` keeps its machines instead of seeing every template change; with no copy the
// template is known by its name alone. The plan never fails where virt-builder might succeed.
import type { Runner } from '@rejviz/core';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TemplateRevision {
  /** The index the template was found in (its URI). */
  index: string;
  /** checksum[sha512] (or checksum) of the template file, null when the index has none. */
  checksum: string | null;
  revision: string | null;
}

/** One repository index and how virt-builder reaches it (repos.d `proxy=`: off, system or a URL). */
export interface TemplateSource {
  uri: string;
  proxy: string | null;
}

/** The index URIs virt-builder would read, in its order. */
export async function templateSources(env: NodeJS.ProcessEnv, toolArgs: readonly string[] = []): Promise<string[]> {
  return (await templateSourceEntries(env, toolArgs)).map((s) => s.uri);
}

/** The indexes virt-builder would read, in its order, each with its proxy setting. */
export async function templateSourceEntries(env: NodeJS.ProcessEnv, toolArgs: readonly string[] = []): Promise<TemplateSource[]> {
  const given: TemplateSource[] = [];
  for (let i = 0; i < toolArgs.length; i++) {
    const a = toolArgs[i]!;
    if (a === '--source' && toolArgs[i + 1] !== undefined) given.push({ uri: toolArgs[++i]!, proxy: null });
    else if (a.startsWith('--source=')) given.push({ uri: a.slice('--source='.length), proxy: null });
  }
  if (given.length > 0) return given;
  const configHome = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  const dirs = [join(configHome, 'virt-builder', 'repos.d'), ...(env.VIRT_BUILDER_DIRS || '/etc').split(':').filter(Boolean).map((d) => join(d, 'virt-builder', 'repos.d'))];
  const sources: TemplateSource[] = [];
  for (const dir of dirs) {
    const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.conf')).sort();
    for (const f of files) {
      const text = await readFile(join(dir, f), 'utf8').catch(() => '');
      // One .conf may hold several [sections], each with its uri= and optional proxy=.
      let current = null as TemplateSource | null;
      for (const line of text.split('\n')) {
        if (/^\s*\[/.test(line)) {
          current = null;
          continue;
        }
        const m = /^\s*(uri|proxy)\s*=\s*(\S+)\s*$/.exec(line);
        if (!m) continue;
        if (m[1] === 'uri') {
          current = { uri: m[2]!, proxy: current?.proxy ?? null };
          sources.push(current);
        } else if (current) current.proxy = m[2]!;
        else current = { uri: '', proxy: m[2]! }; // proxy= before uri= in its section
      }
    }
  }
  return sources.filter((s) => s.uri !== '');
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

export interface RemoteIndexOptions {
  /** Runs curl for http(s) indexes; without it only file:// indexes are read. */
  runner?: Runner;
  /** Told when an index cannot be read. */
  notice?: (text: string) => void;
}

// Index texts fetched by each runner (one run), by URI and proxy: a plan reads the index once for
// all its templates, and a long-lived library caller's next run fetches it anew.
const fetchedBy = new WeakMap<Runner, Map<string, Promise<string | null>>>();

/** The curl arguments that fetch URI the way virt-builder would (its proxy= setting honoured). */
export function indexFetchArgs(source: TemplateSource): string[] {
  const args = ['--silent', '--show-error', '--fail', '--location', '--connect-timeout', '15', '--max-time', '120'];
  if (source.proxy === 'off') args.push('--noproxy', '*');
  else if (source.proxy && source.proxy !== 'system') args.push('--proxy', source.proxy);
  return [...args, '--', source.uri];
}

/** Where the last copy of remote index URI is kept. */
export function indexCopyPath(uri: string, env: NodeJS.ProcessEnv): string {
  const cache = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(cache, 'rejviz', 'indexes', createHash('sha256').update(uri).digest('hex').slice(0, 32));
}

async function readIndex(source: TemplateSource, env: NodeJS.ProcessEnv, options: RemoteIndexOptions): Promise<string | null> {
  if (source.uri.startsWith('file://')) return readFile(fileURLToPath(source.uri), 'utf8').catch(() => null);
  if (!/^https?:\/\//.test(source.uri) || !options.runner) return null;
  const key = `${source.proxy ?? ''} ${source.uri}`;
  let fetched = fetchedBy.get(options.runner);
  if (!fetched) fetchedBy.set(options.runner, (fetched = new Map()));
  let text = fetched.get(key);
  if (!text) {
    text = fetchIndex(source, env, options);
    fetched.set(key, text);
  }
  return text;
}

async function fetchIndex(source: TemplateSource, env: NodeJS.ProcessEnv, options: RemoteIndexOptions): Promise<string | null> {
  const copy = indexCopyPath(source.uri, env);
  const r = await options.runner!.run('curl', indexFetchArgs(source), { readOnly: true, allowFailure: true, installHint: 'the curl package' });
  if (r.exitCode === 0) {
    // Written beside itself and renamed, so a concurrent run reads a whole copy or none.
    const tmp = `${copy}.${process.pid}.tmp`;
    await mkdir(dirname(copy), { recursive: true })
      .then(() => writeFile(tmp, r.stdout))
      .then(() => rename(tmp, copy))
      .catch(() => undefined); // a cache that cannot be written only loses the offline fallback
    return r.stdout;
  }
  const why = r.stderr.trim().split('\n').pop() || `curl exit ${r.exitCode}`;
  const [kept, when] = await Promise.all([readFile(copy, 'utf8').catch(() => null), stat(copy).then((st) => st.mtime.toISOString()).catch(() => '')]);
  if (kept !== null) {
    options.notice?.(`could not read the template index ${source.uri} (${why}); using the copy fetched at ${when}`);
    return kept;
  }
  options.notice?.(`could not read the template index ${source.uri} (${why}); its templates are keyed by name only`);
  return null;
}

/**
 * Where template OS_VERSION comes from and which revision of it: the first index, in
 * virt-builder's order, that lists it (null: none that could be read does).
 */
export async function templateRevision(osVersion: string, env: NodeJS.ProcessEnv, toolArgs: readonly string[] = [], options: RemoteIndexOptions = {}): Promise<TemplateRevision | null> {
  for (const source of await templateSourceEntries(env, toolArgs)) {
    const text = await readIndex(source, env, options);
    const entry = text === null ? null : readIndexEntry(text, osVersion);
    if (entry) return { index: source.uri, ...entry };
  }
  return null;
}
