// rejviz-builder: virt-builder with --nic network config for every guest stack and an image
// manifest for rejviz-install. The surface is here; the work is in plan.ts and run-build.ts.
import type { PluginOption } from '@rejviz/core';
import type { CommandSpec } from '@rejviz/cli';
// The plugin's declaration only: its planning code loads when it runs.
import { nicPlugin } from '@rejviz/plugin-nic/plugin';
import { rhsmPlugin } from '@rejviz/plugin-rhsm/plugin';

const OPTIONS: readonly PluginOption[] = [
  { name: '--manifest', type: 'string', arg: 'FILE', description: 'Write the image manifest (JSON) to FILE after a successful build', commands: ['builder'] },
  { name: '--force', type: 'boolean', description: 'Replace an existing output file', commands: ['builder'] },
];

export const builderSpec: CommandSpec = {
  command: 'builder',
  binaryName: 'rejviz-builder',
  tool: 'virt-builder',
  builtinPlugins: [nicPlugin(), rhsmPlugin()],
  options: OPTIONS,
  help: {
    synopsis: 'rejviz-builder TEMPLATE [--nic SPEC]... [--nic-format FORMAT] [-o FILE] [VIRT-BUILDER OPTIONS]',
    description: 'build a disk image with virt-builder, adding network configuration for each --nic.',
    details:
      'The image is built into a temporary file beside the output and renamed on success: after a failure or Ctrl-C nothing is left at the output path. An existing output is refused unless --force. Exit codes of virt-builder pass through; bad input exits 2 before anything runs.',
    examples: [
      ['Two NICs, one on DHCP, one static', 'rejviz-builder centos-7.0 --nic name=eth0 --nic name=eth1,ipaddr=192.168.122.15 -o vm.qcow2 --format qcow2'],
      ['Show the command and files without running anything', 'rejviz-builder debian-12 --nic name=eth0,ipaddr=198.51.100.20/24,gateway=198.51.100.1 --dry-run'],
      ['Feed the manifest to rejviz-install', 'rejviz-builder tiny-centos7 --nic name=eth0 -o vm.img --json | rejviz-install --manifest - --name vm1 --import --disk vm.img'],
    ],
  },
  // Loaded on use: --help and argument errors never pay for the planner's imports.
  execute: async (ctx) => (await import('./execute.js')).execute(ctx),
};
