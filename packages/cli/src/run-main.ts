// Entry point shared by the bins: loads plugins, separates rejviz's options from the wrapped
// tool's, parses them, builds the context and maps every error to its exit code
// (docs/architecture.md#three-kinds-of-error):
// usage errors exit 2 before anything runs, a wrapped tool's exit code passes through,
// a stop signal gives 128 + its number after the run's clean-up, anything else is a bug (stack
// trace, exit 70).
import {
  createRunner, createServices, installStopHandlers, InterruptedError, optionKey, optionValuesFromCli, receivedSignal, redactArgs, runCleanups,
  setStopWatchdog, signalExitCode, ToolError, toolInfo, UsageError,
  type CommandName, type Hooks, type Plugin, type PluginOption, type Runner, type Services,
} from '@rejviz/core';
import { COMMON_OPTIONS } from './common-options.js';
import type { OptionValues } from './command-class.js';
import { argvAsksForJson, errorReport, errorText } from './error-report.js';
import { loadPlugin } from './load-plugins.js';
import { helpText, type HelpSpec } from './help-text.js';
import { splitArgs } from './split-args.js';
import { loadUserConfig } from './user-config.js';
import { COMPLETE_FLAG, type CommandCompletion } from './completion/types.js';
import { answerVersion } from './version-request.js';
import { dirname } from 'node:path';

export interface CommandContext {
  command: CommandName;
  binaryName: string;
  /** rejviz's own options (the common ones and the command's), by name, as parsed. */
  options: OptionValues;
  /** The plugins' option values, typed by each option's parse, by key (e.g. nics: NicSpec[]). */
  pluginOptions: Readonly<Record<string, unknown>>;
  /** The name of the first plugin option given, for messages (e.g. '--nic'); null when none. */
  firstPluginOption: string | null;
  /** The wrapped tool's arguments, untouched and in order. */
  passthrough: string[];
  /** Hooks (plugins applied), runner, env, cwd and notices: what the library functions take. */
  services: Services;
  hooks: Hooks;
  plugins: readonly Plugin[];
  runner: Runner;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** One-line notice on stderr, prefixed with the bin's name. */
  notice(text: string): void;
}

export interface CommandSpec {
  command: CommandName;
  binaryName: string;
  /** The wrapped tool, whose --help tells which of its options take a value. */
  tool: string | null;
  builtinPlugins: readonly Plugin[];
  options: readonly PluginOption[];
  help: Omit<HelpSpec, 'binaryName' | 'tool'>;
  execute(ctx: CommandContext): Promise<number>;
  /** What the bin adds to shell completion (its completion.ts), loaded only by --complete. */
  completion?: () => Promise<CommandCompletion>;
}

/** Values of a repeatable option given anywhere in argv (before any parsing). */
function scanRepeatable(argv: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const tok = argv[i]!;
    if (tok === name && i + 1 < argv.length) out.push(argv[++i]!);
    else if (tok.startsWith(`${name}=`)) out.push(tok.slice(name.length + 1));
  }
  return out;
}

async function loadAllPlugins(spec: CommandSpec, argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Plugin[]> {
  const { config, path } = await loadUserConfig(env);
  const external = [
    ...(await Promise.all((config.plugins ?? []).map((p) => loadPlugin(p, dirname(path), `config file ${path}: plugin`)))),
    ...(await Promise.all(scanRepeatable(argv, '--plugin').map((p) => loadPlugin(p, cwd)))),
  ];
  const all = [...spec.builtinPlugins, ...external];
  const names = new Set<string>();
  for (const p of all) {
    if (names.has(p.name)) throw new UsageError(`plugin '${p.name}' is loaded twice; remove one of the --plugin options or config entries`);
    names.add(p.name);
  }
  return all;
}

/** The options the plugins add to this command. */
function pluginOptionsFor(spec: CommandSpec, plugins: readonly Plugin[]): PluginOption[] {
  return plugins.flatMap((p) => (p.options ?? []).filter((o) => o.commands.includes(spec.command)));
}

function optionsFor(spec: CommandSpec, plugins: readonly Plugin[]): PluginOption[] {
  const all = [...COMMON_OPTIONS, ...spec.options, ...pluginOptionsFor(spec, plugins)];
  const seen = new Map<string, string>();
  for (const o of all) {
    if (seen.has(o.name)) throw new UsageError(`option ${o.name} is declared twice (plugins clash); remove one plugin`);
    seen.set(o.name, o.name);
  }
  return all;
}

/** Parses argv and runs the command; returns the process exit code. */
export async function runCommand(
  spec: CommandSpec,
  argv: readonly string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const env = process.env;
  const cwd = process.cwd();
  const notice = (text: string) => void io.stderr.write(`${spec.binaryName}: ${text}\n`);
  // From here on INT, TERM, HUP and QUIT end the run through its clean-up, not at once.
  installStopHandlers();
  // How an error is reported: argv's word until rejviz's options are split out, then theirs.
  let json = argvAsksForJson(argv);
  try {
    // --- shell completion (docs/completion.md): the hidden entry point of the shell functions.
    if (argv[0] === COMPLETE_FLAG) {
      // The words may hold a secret being typed: only the bin's name stays visible in ps.
      process.title = spec.binaryName;
      const { completeCommand } = await import('./completion/complete-command.js');
      return await completeCommand(spec, argv.slice(1), { stdout: io.stdout, env, optionsFor: async (words) => optionsFor(spec, await loadAllPlugins(spec, words, env, cwd)) });
    }
    // ---
    const plugins = await loadAllPlugins(spec, argv, env, cwd);
    const options = optionsFor(spec, plugins);
    // A secret typed on the command line stays visible in ps and /proc/PID/cmdline for the whole
    // run; setting the process title overwrites that memory, so only the bin's name remains.
    const secrets = options.filter((o) => o.secret).map((o) => o.name);
    if (argv.some((a) => secrets.some((s) => a === s || a.startsWith(`${s}=`)))) process.title = spec.binaryName;
    const wantsHelp = argv.includes('--help') || argv.includes('-h');
    // --- --version: rejviz's version line, then the wrapped tool's (version-request.ts).
    if (!wantsHelp && (await answerVersion(spec, argv, { env, stdout: io.stdout, notice }))) return 0;
    // ---
    const bootRunner = createRunner();
    const info = spec.tool && !wantsHelp ? await toolInfo(bootRunner, spec.tool, env) : null;
    const split = splitArgs(argv, options, new Set(info?.optionsWithValue), new Set(info?.optionsWithOptionalValue));
    json = split.ours.includes('--json');
    // Likewise for a secret in the wrapped tool's own options (--root-password password:...).
    if (spec.tool && redactArgs(spec.tool, split.passthrough).secrets.length > 0) process.title = spec.binaryName;
    if (wantsHelp) {
      io.stdout.write(helpText({ ...spec.help, binaryName: spec.binaryName, tool: spec.tool }, options));
      return 0;
    }
    // clipanion is loaded only to parse (help above needs none of it).
    const { Cli, commandClass } = await import('./command-class.js');
    const cli = new Cli({ binaryName: spec.binaryName, binaryLabel: spec.binaryName, enableColors: false });
    const Cmd = commandClass(options);
    cli.register(Cmd);
    let parsed: unknown;
    try {
      // --plugin was read once, before the options could be declared (its plugins declare some):
      // clipanion, which only needs it declared for --help and clashes, does not read it again.
      parsed = cli.process(split.ours.filter((token) => !token.startsWith('--plugin=')));
    } catch (err) {
      // clipanion ends its messages with a period; ours go on after a semicolon.
      const first = (err as Error).message.split('\n').find((l) => l.trim())?.replace(/\.$/, '');
      throw new UsageError(`${first ?? 'invalid arguments'}; see ${spec.binaryName} --help`);
    }
    // clipanion answers -h/--help with its own HelpCommand instead of ours.
    if (!(parsed instanceof Cmd)) {
      io.stdout.write(helpText({ ...spec.help, binaryName: spec.binaryName, tool: spec.tool }, options));
      return 0;
    }
    const values = parsed.values();
    json = values['--json'] === true;
    // The plugins' values become what their taps work with, the same as from a request's data.
    const pluginOptionList = pluginOptionsFor(spec, plugins);
    const typed = await optionValuesFromCli(pluginOptionList, values);
    for (const w of typed.warnings) notice(`warning: ${w}`);
    const ownNames = new Set([...COMMON_OPTIONS, ...spec.options].map((o) => o.name));
    const own = Object.fromEntries(Object.entries(values).filter(([name]) => ownNames.has(name)));
    const log = values['--verbose'] === true ? (command: string) => void io.stderr.write(`+ ${command}\n`) : undefined;
    const services = await createServices({ plugins, dryRun: values['--dry-run'] === true, ...(log && { log }), env, cwd, notice });
    const first = pluginOptionList.find((o) => Object.hasOwn(typed.values, optionKey(o)));
    return await spec.execute({
      command: spec.command, binaryName: spec.binaryName, options: own, pluginOptions: typed.values, firstPluginOption: first?.name ?? null,
      passthrough: split.passthrough, services, hooks: services.hooks, plugins, runner: services.runner, env, cwd,
      stdout: io.stdout, stderr: io.stderr, notice,
    });
  } catch (err) {
    return reportError(spec.binaryName, err, io.stderr, { json });
  } finally {
    // Whatever the run made and did not publish: temporary images, secrets, seed volumes.
    for (const failure of await runCleanups()) notice(`warning: ${failure}`);
  }
}

/**
 * Prints an error the way its kind asks for (with `json`, as one JSON document: error-report.ts)
 * and returns the exit code.
 */
export function reportError(bin: string, err: unknown, stderr: NodeJS.WritableStream, opts: { json?: boolean } = {}): number {
  const report = errorReport(bin, err);
  stderr.write(errorText(report, err, opts.json === true));
  return report.exitCode;
}

/** Runs a bin and exits with its code. */
export async function runMain(spec: CommandSpec): Promise<never> {
  // A run that does not stop within the watchdog time after a signal (a tool that ignores even
  // SIGKILL's grace, a wait nothing aborts) is cleaned up and ended here.
  setStopWatchdog(async () => {
    const signal = receivedSignal() ?? 'SIGTERM';
    process.stderr.write(`${spec.binaryName}: did not stop in time after ${signal}; cleaning up and exiting\n`);
    for (const failure of await runCleanups()) process.stderr.write(`${spec.binaryName}: warning: ${failure}\n`);
    process.exit(signalExitCode(signal));
  });
  const code = await runCommand(spec, process.argv.slice(2));
  process.exit(code);
}
