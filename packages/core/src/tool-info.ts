// What an installed wrapped tool is: its version and which of its options take a value (read from
// its own --help), looked up once and cached by the binary's path, size and mtime. The option
// arity lets rejviz pass the tool's arguments through untouched while finding its own options.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { ToolMissingError } from './errors.js';
import type { Runner } from './exec.js';

export interface ToolInfo {
  tool: string;
  path: string;
  version: string;
  /** Options (long and short) that take a value, e.g. --output, -o. */
  optionsWithValue: string[];
  /** Every option the tool knows. */
  options: string[];
  /** Options whose value may be left out (argparse `--opt [VALUE]`): they take the next token unless it starts with '-'. */
  optionsWithOptionalValue?: string[];
  /**
   * What the help calls each value-taking option's value: `file`, `domain`, `raw|qcow2` (guestfs
   * tools' `<...>`), `URI`, `DISK` (argparse's metavar). Shell completion reads it.
   */
  valueNames?: Record<string, string>;
}

const INSTALL_HINTS: Record<string, string> = {
  'virt-builder': 'apt-get install guestfs-tools (or run scripts/host-setup)',
  'virt-customize': 'apt-get install guestfs-tools (or run scripts/host-setup)',
  'virt-sysprep': 'apt-get install guestfs-tools (or run scripts/host-setup)',
  'virt-install': 'apt-get install virtinst (or run scripts/host-setup)',
};

/** How to install a tool, for "not installed" messages. */
export function installHint(tool: string): string {
  return INSTALL_HINTS[tool] ?? 'install it and try again';
}

/** The path of `tool` on $PATH, or null when it is not installed. */
export async function onPath(tool: string, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, tool);
    const s = await stat(candidate).catch(() => undefined);
    if (s?.isFile()) return candidate;
  }
  return null;
}

async function which(tool: string, env: NodeJS.ProcessEnv): Promise<string> {
  const found = await onPath(tool, env);
  if (found === null) throw new ToolMissingError(tool, installHint(tool));
  return found;
}

function cachePath(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'rejviz', 'tools.json');
}

/** Parses a guestfs-tools style --help listing: "  -o, --output <FILE>   text". */
export function parseHelpOptions(help: string): Required<Pick<ToolInfo, 'options' | 'optionsWithValue' | 'valueNames'>> {
  const options: string[] = [];
  const optionsWithValue: string[] = [];
  const valueNames: Record<string, string> = {};
  for (const line of help.split('\n')) {
    // "  -o, --output <FILE>", "  --check-signature, --check-signatures", "  --machine-readable[=format]"
    const m = /^ {1,4}(-{1,2}[A-Za-z0-9?][\w-]*(?:\[=[^\]]*\])?(?:, -{1,2}[A-Za-z0-9?][\w-]*)*)(?:\s+<([^>]+)>)?/.exec(line);
    if (!m?.[1]) continue;
    const names = m[1].split(', ').map((n) => n.replace(/\[=.*\]$/, ''));
    options.push(...names);
    if (m[2] === undefined) continue;
    optionsWithValue.push(...names);
    for (const n of names) valueNames[n] = m[2];
  }
  return { options, optionsWithValue, valueNames };
}

/**
 * Parses a Python argparse --help listing (virt-install): option lines are indented by exactly two
 * spaces, e.g. "  -n NAME, --name NAME  Name ...", "  --cloud-init [CLOUD_INIT]", "  --import".
 */
export function parseArgparseHelp(help: string): Required<Pick<ToolInfo, 'options' | 'optionsWithValue' | 'optionsWithOptionalValue' | 'valueNames'>> {
  const options: string[] = [];
  const optionsWithValue: string[] = [];
  const optionsWithOptionalValue: string[] = [];
  const valueNames: Record<string, string> = {};
  for (const line of help.split('\n')) {
    const m = /^ {2}(-{1,2}[A-Za-z0-9][\w-]*(?: \[?[A-Z][A-Z0-9_]*\]?)?(?:, -{1,2}[A-Za-z0-9][\w-]*(?: \[?[A-Z][A-Z0-9_]*\]?)?)*)(?: {2,}|$)/.exec(line);
    if (!m?.[1]) continue;
    for (const spec of m[1].split(', ')) {
      const [name, value] = spec.split(' ') as [string, string | undefined];
      options.push(name);
      if (value?.startsWith('[')) optionsWithOptionalValue.push(name);
      else if (value !== undefined) {
        optionsWithValue.push(name);
        valueNames[name] = value;
      }
    }
  }
  return { options, optionsWithValue, optionsWithOptionalValue, valueNames };
}

// What toolInfo found in this process, by tool name: secret-args.ts reads option names from it
// synchronously when a command is shown.
const looked = new Map<string, ToolInfo>();

/** The tool's info if toolInfo looked it up in this process, else undefined. */
export function cachedToolInfo(tool: string): ToolInfo | undefined {
  return looked.get(tool);
}

// Looked up once per binary and process: a run asks several times (argv splitting, planning).
const lookups = new Map<string, Promise<ToolInfo>>();

/** Version and option arity of an installed tool (cached on disk, and per process). */
export async function toolInfo(runner: Runner, tool: string, env: NodeJS.ProcessEnv = process.env): Promise<ToolInfo> {
  const path = await which(tool, env);
  let lookup = lookups.get(path);
  if (lookup === undefined) {
    lookup = lookUp(runner, tool, path, env);
    lookups.set(path, lookup);
    lookup.catch(() => lookups.delete(path));
  }
  const info = await lookup;
  looked.set(tool, info);
  return info;
}

async function lookUp(runner: Runner, tool: string, path: string, env: NodeJS.ProcessEnv): Promise<ToolInfo> {
  const s = await stat(path);
  const key = `${path}:${s.size}:${s.mtimeMs}`;
  const file = cachePath(env);
  const cache = (await readFile(file, 'utf8').then(JSON.parse).catch(() => ({}))) as Record<string, ToolInfo>;
  // An entry written before valueNames was recorded is read again, once.
  const hit = cache[key]?.valueNames ? cache[key] : undefined;
  if (hit) return hit;
  const version = (await runner.run(tool, ['--version'], { readOnly: true })).stdout.trim().split(/\s+/).pop() ?? '0';
  const help = await runner.run(tool, ['--help'], { readOnly: true });
  // guestfs-tools print their own listing; virt-install's comes from argparse ("usage: ...").
  const parsed = help.stdout.startsWith('usage:') ? parseArgparseHelp(help.stdout) : parseHelpOptions(help.stdout);
  const info: ToolInfo = { tool, path, version, ...parsed };
  cache[key] = info;
  await mkdir(dirname(file), { recursive: true })
    .then(() => writeFile(`${file}.${process.pid}`, JSON.stringify(cache)))
    .then(() => rename(`${file}.${process.pid}`, file))
    .catch(() => undefined); // an unwritable cache only costs the lookup next time
  return info;
}
