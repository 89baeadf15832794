// rejviz-sysprep: virt-sysprep with the rejviz plugins. virt-sysprep performs customize options
// after its own operations (verified: ssh-userdir and net-hwaddr run first), so the NIC files and
// keys the plugins add survive the defaults that would delete them.
import type { CommandSpec } from '@rejviz/cli';
import { guestToolSpec } from './guest-tool-spec.js';

export const sysprepSpec: CommandSpec = guestToolSpec('sysprep', {
  synopsis: 'rejviz-sysprep (-a IMAGE [-a IMAGE]... | -d DOMAIN [-c URI]) [--nic SPEC]... [VIRT-SYSPREP OPTIONS]',
  description: 'reset an image with virt-sysprep, then (re)apply network configuration for each --nic in the same run.',
  details:
    "virt-sysprep's default operations strip HWADDR from ifcfg files, delete NetworkManager keyfiles and /root/.ssh; rejviz passes the plugins' files as customize options, which virt-sysprep performs after its own operations, so the result boots with its network configured.",
  examples: [
    ['Reset an image and keep it on a static address', 'rejviz-sysprep -a vm.qcow2 --nic name=eth0,ipaddr=198.51.100.40/24,gateway=198.51.100.1'],
    ['Only some operations', 'rejviz-sysprep -a vm.qcow2 --operations machine-id,ssh-hostkeys,net-hwaddr --nic name=eth0 --nic-format ifcfg'],
  ],
});
