// rejviz-install: virt-install whose domain NICs carry the image's MACs in guest order, with an
// optional cloud-init seed and the TCG fallback. The surface is here; the work is in plan.ts and
// execute.ts.
import type { CommandSpec } from '@rejviz/cli';
import { cloudInitPlugin } from '@rejviz/plugin-cloud-init/plugin';
import { macMatchPlugin } from '@rejviz/plugin-mac-match/plugin';

export const installSpec: CommandSpec = {
  command: 'install',
  binaryName: 'rejviz-install',
  tool: 'virt-install',
  builtinPlugins: [macMatchPlugin(), cloudInitPlugin()],
  options: [
    { name: '--manifest', type: 'string', arg: 'FILE|-', description: "The image's NICs from a rejviz-builder manifest (- reads stdin); without it the --disk image is inspected", commands: ['install'] },
  ],
  help: {
    synopsis: 'rejviz-install --name NAME [--manifest FILE|-] [--nic-network NIC=NET]... [--cloud-init ...] [VIRT-INSTALL OPTIONS]',
    description: "define and start a domain with virt-install, giving it one NIC per NIC configured in the image, with the same MACs in the same order.",
    details:
      "The image's NICs come from --manifest or, without one, from reading the network configuration inside the first --disk (one read-only appliance launch). Each gets --network network=NET,mac=MAC,model=virtio; a --network you give with a NIC's mac= wins. Without --osinfo, the image's OS is added (the newest older release when this host's osinfo-db lacks it). Where KVM is unusable, --virt-type qemu is added unless you chose one, with --cpu mode=maximum unless you chose a CPU. Exit codes of virt-install pass through; bad input exits 2 before anything runs.",
    examples: [
      ['Build and install in one pipeline', 'rejviz-builder tiny-centos7 --nic name=eth0 --nic name=eth1,ipaddr=198.51.100.15/24 -o vm.img --json | rejviz-install --manifest - --name vm1 --memory 256 --import --disk vm.img --noautoconsole --osinfo centos7.0'],
      ['Put NIC eth1 on a chosen network and show the command only', 'rejviz-install --manifest vm.json --nic-network eth1=rejviz-isolated --name vm1 --import --disk vm.img --dry-run'],
      ['A cloud-init seed with a user and a key', 'rejviz-install --name web1 --import --disk web1.qcow2 --cloud-init --user admin --ssh-key ~/.ssh/id_ed25519.pub --noautoconsole'],
    ],
  },
  execute: async (ctx) => (await import('./execute.js')).execute(ctx),
};
