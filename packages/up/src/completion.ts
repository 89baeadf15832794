// What rejviz-up adds to shell completion (docs/completion.md): its verb, the arguments it reads
// itself (up-args.ts: -f FILE, -c URI) and --lab NAME from the labs with state on this host (a
// directory listing: no libvirt query for a keystroke).
import { readdirSync } from 'node:fs';
import { fileNames, matching, nothing, type CommandCompletion } from '@rejviz/cli/completion';
import { labsDir } from './state/lab-paths.js';
import { SNAPSHOT_ACTIONS, UP_VALUE_OPTIONS, VERBS } from './up-args.js';

const FILE = ['-f', '--file'];

const VERB_HELP: Record<(typeof VERBS)[number], string> = {
  up: 'bring the lab up (the default)', plan: 'what up would do, and why', status: "the lab's machines",
  down: 'shut the machines down', start: 'start the machines', reboot: 'reboot the machines',
  destroy: 'remove everything of the lab', list: 'every lab on the connection', images: 'the cached template images and their users', snapshot: 'create, list, revert or delete a snapshot of every machine',
  gen: 'write a Makefile that brings the lab up with virsh alone',
  run: 'one VM from a template, a lab of one machine without a file',
  ssh: 'log in to a machine (or run a command), its host key pinned', scp: 'copy files to or from a machine (MACHINE:PATH)',
  sftp: 'sftp to a machine', 'ssh-config': 'an OpenSSH config block per machine, for ssh -F', inventory: "the lab's ansible inventory",
  provision: "run the lab file's playbooks against the lab",
};

/** rejviz-up's part of shell completion. */
export const upCompletion: CommandCompletion = {
  args: UP_VALUE_OPTIONS.map((name) => ({ name, takesValue: true })),
  values: {
    ...Object.fromEntries(UP_VALUE_OPTIONS.map((name) => [name, FILE.includes(name) ? fileNames : nothing])),
    '--makefile': fileNames,
    '--lab': (word, line) => ({ candidates: matching(safeList(labsDir(line.env)), word) }),
  },
  positional: (word, index, line) => {
    if (index === 0) return { candidates: matching(VERBS.map((v) => ({ value: v, description: VERB_HELP[v] })), word) };
    // images takes one more word.
    if (index === 1 && firstWord(line.toolArgs) === 'images') return { candidates: matching([{ value: 'prune', description: 'remove the images no volume uses' }, { value: 'catalogue', description: 'the cloud image catalogue' }, { value: 'pull', description: 'a cloud image into the image cache' }], word) };
    if (index === 1 && firstWord(line.toolArgs) === 'snapshot') return { candidates: matching([...SNAPSHOT_ACTIONS], word) };
    return { candidates: [] };
  },
};

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** The first argument that is neither an option nor the value of -f or -c: the verb. */
function firstWord(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (UP_VALUE_OPTIONS.includes(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}
