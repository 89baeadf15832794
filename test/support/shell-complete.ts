// Drives the installed shell completion of the rejviz bins the way the shells do (docs/completion.md):
//  - bash: sources bash-completion, lets its loader find /usr/share/bash-completion/completions/NAME,
//    sets COMP_LINE/COMP_POINT/COMP_WORDS/COMP_CWORD for a line with the cursor at its end, calls
//    the function and reads COMPREPLY (compopt, which only works inside a completion bash runs
//    itself, is recorded instead);
//  - zsh: an interactive zsh on a pseudo-terminal (zpty, test/support/zsh-complete.zsh) gets the
//    line, a TAB and a marker character, and prints its buffer afterwards.
// Both run under `unshare -n`, with the bins on PATH and virt-builder on the offline repository.
import { createRunner } from '@rejviz/core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, toolEnv } from './env.js';

export const BASH_COMPLETION = '/usr/share/bash-completion/bash_completion';
export const BASH_COMPLETIONS_DIR = '/usr/share/bash-completion/completions';
export const ZSH_SITE_FUNCTIONS = '/usr/local/share/zsh/site-functions';

const BASH_DRIVER = `
source ${BASH_COMPLETION}
compopt() { printf '%s\\n' "$*" >>"$COMPOPT_LOG"; }
line=$1
cmd=\${line%% *}
__load_completion "$cmd" || { echo "no completion found for $cmd" >&2; exit 3; }
COMP_LINE=$line
COMP_POINT=\${#line}
read -ra COMP_WORDS <<<"$line"
[[ $line == *' ' ]] && COMP_WORDS+=('')
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
# bash's own current word ($2): after the last blank, and after the last = or : (COMP_WORDBREAKS).
cur=\${line##* }
cur=\${cur##*[=:]}
spec=$(complete -p "$cmd")
fn=\${spec#*-F }
fn=\${fn%% *}
"$fn" "$cmd" "$cur" "\${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\\n' "\${COMPREPLY[@]}"
`;

async function shellEnv(): Promise<Record<string, string>> {
  return { ...(await toolEnv()), PATH: `${join(REPO_ROOT, 'node_modules/.bin')}:${process.env.PATH ?? '/usr/bin:/bin'}` };
}

/** COMPREPLY for `line` (cursor at its end), and the compopt options the function set. */
export async function bashComplete(line: string, opts: { cwd?: string } = {}): Promise<{ reply: string[]; compopt: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'rjv-bash-complete-'));
  try {
    const log = join(dir, 'compopt');
    const res = await createRunner().run('unshare', ['-n', 'bash', '--norc', '--noprofile', '-c', BASH_DRIVER, 'bash', line], {
      env: { ...(await shellEnv()), COMPOPT_LOG: log }, cwd: opts.cwd, timeoutMs: 30_000,
    });
    const compopt = (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean);
    return { reply: res.stdout.split('\n').filter(Boolean), compopt };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The zsh command line after typing each of `lines` and one TAB (a trailing space is the space zsh adds), in order. */
export async function zshComplete(lines: string[], opts: { cwd?: string } = {}): Promise<string[]> {
  const res = await createRunner().run('unshare', ['-n', 'zsh', '-f', join(REPO_ROOT, 'test/support/zsh-complete.zsh'), ...lines], {
    // A backstop only: the script bounds each wait itself and then says what the terminal showed.
    env: await shellEnv(), cwd: opts.cwd, timeoutMs: 600_000,
  });
  return [...res.stdout.matchAll(/RESULT:(.*)@:END/g)].map((m) => m[1]!);
}
