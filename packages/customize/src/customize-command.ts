// rejviz-customize: virt-customize with the rejviz plugins (--nic, RHSM, ...). The surface is
// here; the work is in plan.ts and execute.ts.
import type { CommandSpec } from '@rejviz/cli';
import { guestToolSpec } from './guest-tool-spec.js';

export const customizeSpec: CommandSpec = guestToolSpec('customize', {
  synopsis: 'rejviz-customize (-a IMAGE [-a IMAGE]... | -d DOMAIN [-c URI]) [--nic SPEC]... [VIRT-CUSTOMIZE OPTIONS]',
  description: 'customize a disk image or a shut-off domain with virt-customize, adding network configuration for each --nic.',
  details:
    "With --nic-format auto (the default) the guest's network stack is detected from the image itself (libguestfs inspection plus artifact probes, one read-only appliance launch, cached for an unchanged image), then virt-customize runs once. A running domain is refused: virt-customize cannot write a live guest.",
  examples: [
    ['Give an image two NICs in whatever format its network stack reads', 'rejviz-customize -a vm.qcow2 --nic name=eth0,ipaddr=198.51.100.20/24,gateway=198.51.100.1 --nic name=eth1'],
    ['Name the format and skip inspection', 'rejviz-customize -a vm.qcow2 --nic name=eth0 --nic-format keyfile --dry-run'],
    ['A shut-off domain on the system connection', 'rejviz-customize -c qemu:///system -d vm1 --nic name=eth0,ipaddr=198.51.100.30/24'],
  ],
});
