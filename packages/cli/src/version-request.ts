// --version of every bin (README.md, "Versions"): rejviz's own line first, `rejviz-builder 0.1.0`
// (the line scripts parse), then the wrapped tool's as rejviz finds it on PATH,
// `virt-builder 1.48.2` (core's tool-info, cached); with --json one object. A proxy's --version
// used to reach the tool alone; rejviz-peek wraps none and prints one line.
import { createRunner, toolInfo, ToolMissingError, type ToolInfo } from '@rejviz/core';
import { binVersion } from './own-version.js';

export interface VersionIo {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  /** One-line notice on stderr, prefixed with the bin's name. */
  notice(text: string): void;
  /** The bin's file (tests); by default the running script. */
  entry?: string;
}

/** Prints the versions when argv asks for them (and returns true); false lets the run go on. */
export async function answerVersion(spec: { binaryName: string; tool: string | null }, argv: readonly string[], io: VersionIo): Promise<boolean> {
  const ours = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  const long = ours.includes('--version');
  if (!long && !ours.includes('-V')) return false;
  let tool: ToolInfo | null = null;
  let missing: ToolMissingError | null = null;
  if (spec.tool) {
    tool = await toolInfo(createRunner(), spec.tool, io.env).catch((err: unknown) => {
      if (!(err instanceof ToolMissingError)) throw err;
      missing = err;
      return null;
    });
  }
  // -V is the guestfs tools' short --version; virt-install and rejviz-peek have no -V to answer.
  if (!long && !tool?.options.includes('-V')) return false;
  const version = await binVersion(spec.binaryName, io.entry);
  if (ours.includes('--json')) {
    const toolPart = tool && { name: tool.tool, version: tool.version };
    io.stdout.write(`${JSON.stringify({ name: spec.binaryName, version, tool: toolPart })}\n`);
  } else {
    io.stdout.write(`${spec.binaryName} ${version}\n${tool ? `${tool.tool} ${tool.version}\n` : ''}`);
  }
  if (missing) io.notice(`warning: ${(missing as ToolMissingError).message}`);
  return true;
}
