// rejviz-up: a lab of VMs from one file (docs/up.md). The surface is here; the work is in the
// library (upLab, planUp, labStatus, destroyLab), which execute.ts calls.
import type { CommandSpec } from '@rejviz/cli';

export const upSpec: CommandSpec = {
  command: 'up',
  binaryName: 'rejviz-up',
  tool: null,
  builtinPlugins: [],
  options: [
    { name: '--var', type: 'array', arg: 'NAME=VALUE', description: 'A value for ${NAME} in the lab file (over the environment and its vars:)', commands: ['up'] },
    { name: '--pool', type: 'string', arg: 'POOL', description: 'up: the dir pool for templates and disks (default: default); images: only that pool', commands: ['up'] },
    { name: '--lab', type: 'string', arg: 'NAME', description: 'status, down, start, reboot, snapshot, destroy: the lab by name, without its file', commands: ['up'] },
    { name: '--timeout', type: 'string', arg: 'SECONDS', description: 'down: how long the guests get to shut down before they are stopped hard (default 60)', commands: ['up'] },
    { name: '--jobs', type: 'string', arg: 'N', description: 'up: how many machines are created at once (default: the number of CPUs, at most 8)', commands: ['up'] },
    { name: '--wait', type: 'boolean', description: 'Wait for another run that holds the lab instead of failing', commands: ['up'] },
  ],
  help: {
    synopsis: 'rejviz-up [up|plan|status|down|start|reboot|destroy|list|images [prune]|snapshot ACTION [NAME]] [-f FILE|-] [-c URI] [--var NAME=VALUE]... [--pool POOL] [--jobs N] [--lab NAME] [--timeout SECONDS] [--wait] [--json] [--dry-run]',
    description: 'bring up a lab of VMs from one file (rejviz.yaml): templates built once, machines cloned as overlays, addresses decided up front.',
    details:
      'up (the default) brings the lab to what the file says; plan (or --dry-run) prints what up would do, per template and machine, and why; status lists its machines; down shuts them down (stopped hard after --timeout); start starts them; reboot reboots them; destroy removes every domain, volume, network and state of the lab; list shows every lab on the connection; images lists the cached template images and what uses them, images prune removes the unused ones; snapshot create|list|revert|delete NAME acts on one snapshot name across every machine. The file is rejviz.yaml in the current directory unless -f FILE (- for stdin). -c/--connect URI chooses the libvirt connection.',
    examples: [
      ['What would change', 'rejviz-up plan'],
      ['Bring the lab up, with a variable', 'rejviz-up --var MEMORY=2G'],
      ['Its machines, as JSON', 'rejviz-up status --json'],
      ['Shut it down, waiting at most 30 s', 'rejviz-up down --timeout 30'],
      ['Every lab on this host', 'rejviz-up list'],
      ['The whole lab back to one moment', 'rejviz-up snapshot create clean && rejviz-up snapshot revert clean'],
      ['Template images no machine uses, removed after a look', 'rejviz-up images prune --dry-run && rejviz-up images prune'],
      ['Take it away', 'rejviz-up destroy'],
    ],
  },
  execute: async (ctx) => (await import('./execute.js')).execute(ctx),
};
