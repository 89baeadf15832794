// rejviz-peek: what is inside an image or a domain (OS, network stack, every NIC configuration)
// and whether the guest's NIC configuration matches the domain's NICs, by MAC.
import type { CommandSpec } from '@rejviz/cli';
import { macMatchPlugin } from '@rejviz/plugin-mac-match/plugin';
import { nicPlugin } from '@rejviz/plugin-nic/plugin';

export const peekSpec: CommandSpec = {
  command: 'peek',
  binaryName: 'rejviz-peek',
  tool: null,
  // Their verdicts and the guest's format reach the report through the hooks (judgeGuest, describeNetwork).
  builtinPlugins: [macMatchPlugin(), nicPlugin()],
  options: [
    { name: '--manifest', type: 'string', arg: 'FILE|-', description: "Peek at a rejviz-builder manifest's image and check it against the manifest's NICs (- reads stdin)", commands: ['peek'] },
    { name: '--no-guest', type: 'boolean', description: "Read only the domain's XML (no appliance launch)", commands: ['peek'] },
  ],
  help: {
    synopsis: 'rejviz-peek [-c URI] DOMAIN | -a IMAGE [-a IMAGE]... | --manifest FILE|- [--json] [--no-guest]',
    description: "show the OS, the network stack and every NIC configuration inside an image or a domain, and whether they match the domain's NICs.",
    details:
      "The guest is read in one read-only libguestfs appliance launch, also while the domain runs; a NoCloud seed attached as a cdrom is read on the host. Verdicts are per NIC, matched by MAC. Exit 0 when consistent, 1 when an inconsistency is found, 2 for bad input, 3 when a tool failed. Options -a IMAGE (repeatable, --format FORMAT before it), -c/--connect URI.",
    examples: [
      ['A domain on the system connection', 'rejviz-peek -c qemu:///system vm1'],
      ['Disk images, as JSON', 'rejviz-peek -a vm.qcow2 --json'],
      ["Only the domain's NICs, fast", 'rejviz-peek --no-guest vm1'],
    ],
  },
  execute: async (ctx) => (await import('./execute.js')).execute(ctx),
};
