// rejviz-up's own arguments besides its declared options (it wraps no tool): the verb, -f/--file
// FILE|- and -c/--connect URI, read the way rejviz-peek reads its -c.
import { shown, UsageError } from '@rejviz/core';

export const VERBS = ['up', 'plan', 'status', 'down', 'start', 'reboot', 'destroy', 'list', 'images', 'snapshot', 'gen', 'run', 'ssh', 'scp', 'sftp', 'ssh-config', 'inventory', 'provision'] as const;
export const SNAPSHOT_ACTIONS = ['create', 'list', 'revert', 'delete'] as const;
export type Verb = (typeof VERBS)[number];

export interface UpArgs {
  verb: Verb;
  file: string | null;
  uri: string | null;
  /** images prune: true. */
  prune: boolean;
  /** images catalogue: true. */
  catalogue: boolean;
  /** images pull SOURCE: the catalogue key or URL (null: not pull; '' : pull without a source yet). */
  pull: string | null;
  /** run TEMPLATE: the virt-builder template of a one-machine lab without a file. */
  template: string | null;
  /** snapshot ACTION [NAME]. */
  snapshot: { action: (typeof SNAPSHOT_ACTIONS)[number] | null; name: string | null };
  /** ssh, sftp: the machine. */
  machine: string | null;
  /** ssh MACHINE [--] CMD...: the command (everything after MACHINE); scp: its operands. */
  operands: string[];
}

/** The arguments rejviz-up reads itself, each with a value (shell completion offers them too). */
export const UP_VALUE_OPTIONS: readonly string[] = ['-f', '--file', '-c', '--connect'];

const USAGE = 'usage: rejviz-up [-f FILE|-] [-c URI] [up|plan|status|down|start|reboot|destroy|list|images [prune|catalogue|pull SOURCE]|snapshot create|list|revert|delete [NAME]|gen --makefile DIR|run TEMPLATE|run --image URL|KEY|ssh MACHINE [--] [CMD...]|scp [MACHINE:]SRC... [MACHINE:]DEST|sftp MACHINE|ssh-config|inventory|provision]';

/** Reads the arguments rejviz's option parser left over; `image`: run has --image (it takes no TEMPLATE then). */
export function readUpArgs(args: readonly string[], image = false): UpArgs {
  const out: UpArgs = { verb: 'up', file: null, uri: null, prune: false, catalogue: false, pull: null, template: null, snapshot: { action: null, name: null }, machine: null, operands: [] };
  let verb: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const token = args[i] as string;
    // ssh MACHINE CMD...: everything after the machine is the command, options included (the
    // `--` before it, which the option parser took, is optional).
    if (verb === 'ssh' && out.machine !== null) {
      out.operands = args.slice(i) as string[];
      break;
    }
    if (verb === 'scp' && !UP_VALUE_OPTIONS.includes(token.split('=')[0]!)) {
      out.operands.push(token);
      continue;
    }
    if ((verb === 'ssh' || verb === 'sftp') && out.machine === null && !token.startsWith('-')) {
      out.machine = token;
      continue;
    }
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq > 0 ? token.slice(0, eq) : token;
    if (UP_VALUE_OPTIONS.includes(name)) {
      const value = eq > 0 ? token.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value; ${USAGE}`);
      if (name === '-f' || name === '--file') out.file = value;
      else out.uri = value;
      continue;
    }
    if (token.startsWith('-')) throw new UsageError(`unknown option ${shown(token)}; ${USAGE}`);
    const imagesWord = !out.prune && !out.catalogue && out.pull === null;
    if (verb === 'images' && token === 'prune' && imagesWord) {
      out.prune = true;
      continue;
    }
    if (verb === 'images' && token === 'catalogue' && imagesWord) {
      out.catalogue = true;
      continue;
    }
    if (verb === 'images' && token === 'pull' && imagesWord) {
      out.pull = '';
      continue;
    }
    if (verb === 'images' && out.pull === '') {
      out.pull = token;
      continue;
    }
    if (verb === 'run' && out.template === null) {
      out.template = token;
      continue;
    }
    if (verb === 'snapshot' && out.snapshot.action === null) {
      if (!(SNAPSHOT_ACTIONS as readonly string[]).includes(token)) throw new UsageError(`snapshot ${shown(token)}: the snapshot actions are ${SNAPSHOT_ACTIONS.join(', ')}; e.g. rejviz-up snapshot create before-upgrade`);
      out.snapshot.action = token as (typeof SNAPSHOT_ACTIONS)[number];
      continue;
    }
    if (verb === 'snapshot' && out.snapshot.action !== 'list' && out.snapshot.name === null) {
      out.snapshot.name = token;
      continue;
    }
    if (verb !== null) throw new UsageError(`one verb at a time: got ${verb} and ${shown(token)}; ${USAGE}`);
    if (!(VERBS as readonly string[]).includes(token)) throw new UsageError(`${shown(token)} is not a verb of rejviz-up; the verbs are ${VERBS.join(', ')}`);
    verb = token;
  }
  if (verb !== null) out.verb = verb as Verb;
  if (out.pull === '') throw new UsageError('images pull needs a SOURCE: a catalogue key (rejviz-up images catalogue lists them) or an https://, http:// or file:/// URL; e.g. rejviz-up images pull debian-12');
  if (verb === 'run' && out.template === null && !image) throw new UsageError('run needs a TEMPLATE (a virt-builder template, see virt-builder --list) or --image URL|KEY (a cloud image); e.g. rejviz-up run debian-12 --nic network=default');
  if ((verb === 'ssh' || verb === 'sftp') && out.machine === null) throw new UsageError(`${verb} needs a MACHINE of the lab; e.g. rejviz-up ${verb} db${verb === 'ssh' ? ' -- uptime' : ''}`);
  if (verb === 'snapshot' && out.snapshot.action === null) throw new UsageError(`snapshot needs an action: ${SNAPSHOT_ACTIONS.join(', ')}; e.g. rejviz-up snapshot list`);
  return out;
}
