// rejviz-up: a lab of VMs from one file (docs/up.md). The surface is here; the work is in the
// library (upLab, planUp, labStatus, destroyLab), which execute.ts calls.
import type { CommandSpec } from '@rejviz/cli';
import { ansiblePlugin } from '@rejviz/plugin-ansible';
import { sshPlugin } from '@rejviz/plugin-ssh';

export const upSpec: CommandSpec = {
  command: 'up',
  binaryName: 'rejviz-up',
  tool: null,
  builtinPlugins: [sshPlugin(), ansiblePlugin()],
  options: [
    { name: '--var', type: 'array', arg: 'NAME=VALUE', description: 'A value for ${NAME} in the lab file (over the environment and its vars:)', commands: ['up'] },
    { name: '--pool', type: 'string', arg: 'POOL', description: 'up, gen: the dir pool for templates and disks (default: default); images: only that pool', commands: ['up'] },
    { name: '--lab', type: 'string', arg: 'NAME', description: 'status, down, start, reboot, snapshot, destroy, ssh, scp, sftp, ssh-config, inventory, provision: the lab by name, without its file', commands: ['up'] },
    { name: '--timeout', type: 'string', arg: 'SECONDS', description: 'down: how long the guests get to shut down before they are stopped hard (default 60)', commands: ['up'] },
    { name: '--jobs', type: 'string', arg: 'N', description: 'up: how many machines are created at once (default: the number of CPUs, at most 8)', commands: ['up'] },
    { name: '--makefile', type: 'string', arg: 'DIR', description: 'gen: the directory to write the Makefile, XML and seed files into (new, empty, or an earlier gen output of the lab)', commands: ['up'] },
    { name: '--name', type: 'string', arg: 'NAME', description: "run: the one-machine lab's name (default: from the template's name); its domain is NAME_vm", commands: ['up'] },
    { name: '--nic', type: 'array', arg: 'network=NET[,address=ADDR|dhcp][,mac=MAC][,gateway=GW]', description: 'run: a NIC on an existing libvirt network, in order (default: one on the network default, by DHCP)', commands: ['up'] },
    { name: '--memory', type: 'string', arg: 'SIZE', description: 'run: the memory (MiB, or 512M, 2G)', commands: ['up'] },
    { name: '--vcpus', type: 'string', arg: 'N', description: 'run: the virtual CPUs', commands: ['up'] },
    { name: '--size', type: 'string', arg: 'SIZE', description: "run: the system disk's size (default: the template's)", commands: ['up'] },
    { name: '--ssh', type: 'boolean', description: 'run: a management NIC (ssh forwarded from 127.0.0.1) and a login with pinned host keys; run returns when the VM is ready (rejviz-up ssh vm --lab NAME)', commands: ['up'] },
    { name: '--ssh-key', type: 'string', arg: 'PATH', description: "run: log in with your private key (its .pub beside it) instead of the lab's key pair (implies --ssh)", commands: ['up'] },
    { name: '--image', type: 'string', arg: 'URL|KEY', description: 'run: a cloud image instead of TEMPLATE: a catalogue key (rejviz-up images catalogue) or an https://, http://, file:/// URL', commands: ['up'] },
    { name: '--checksum', type: 'string', arg: 'sha256:HEX', description: "up, run, images pull: the cloud image's digest pinned by hand (sha256:HEX or sha512:HEX); for a lab, its one cloud-image template", commands: ['up'] },
    { name: '--insecure-unverified', type: 'boolean', description: 'up, run, gen, images pull: take cloud images nothing verifies (shown as unverified)', commands: ['up'] },
    { name: '--offline', type: 'boolean', description: 'up, run, gen: cloud images from the image cache only; no URL is resolved', commands: ['up'] },
    { name: '--replace-outdated', type: 'boolean', description: "up, plan, run: replace the machines whose template has a new base since they were made (a new revision, a republished image); by default they are kept as they are", commands: ['up'] },
    { name: '--cloud', type: 'boolean', description: 'images: the cloud images in the image cache instead of the template images', commands: ['up'] },
    { name: '--older-than', type: 'string', arg: 'DURATION', description: 'images prune: only what is older than DURATION (30m, 12h, 7d, 2w)', commands: ['up'] },
    { name: '--wait', type: 'boolean', description: 'Wait for another run that holds the lab instead of failing', commands: ['up'] },
    { name: '--ini', type: 'boolean', description: 'inventory: INI instead of YAML', commands: ['up'] },
    { name: '--list', type: 'boolean', description: "inventory: a dynamic inventory's --list JSON (every group and host)", commands: ['up'] },
    { name: '--host', type: 'string', arg: 'MACHINE', description: "inventory: a dynamic inventory's --host JSON (one machine's variables)", commands: ['up'] },
  ],
  help: {
    synopsis: 'rejviz-up [up|plan|status|down|start|reboot|destroy|list|images [prune [--older-than DURATION]|catalogue|pull SOURCE] [--cloud]|snapshot ACTION [NAME]|gen --makefile DIR|run TEMPLATE|--image URL|KEY [--checksum sha256:HEX] [--insecure-unverified] [--offline] [--name NAME] [--nic ...]... [--ssh] [--ssh-key PATH]|ssh MACHINE [-- CMD...]|scp [MACHINE:]SRC [MACHINE:]DEST|sftp MACHINE|ssh-config|inventory [--ini|--list|--host MACHINE]|provision] [-f FILE|-] [-c URI] [--var NAME=VALUE]... [--pool POOL] [--jobs N] [--lab NAME] [--timeout SECONDS] [--wait] [--replace-outdated] [--json] [--dry-run]',
    description: 'bring up a lab of VMs from one file (rejviz.yaml): templates built once, machines cloned as overlays, addresses decided up front.',
    details:
      'up (the default) brings the lab to what the file says; plan (or --dry-run) prints what up would do, per template and machine, and why; status lists its machines; down shuts them down (stopped hard after --timeout); start starts them; reboot reboots them; destroy removes every domain, volume, network and state of the lab; list shows every lab on the connection; images lists the cached template images and what uses them (--cloud: the cloud images in the image cache, with their digests and verification), images prune removes the unused ones (template images, cloud images no template was built from, leftovers of interrupted pulls; --older-than DURATION), images catalogue lists the cloud image catalogue; images pull SOURCE fetches a cloud image (a catalogue key or a URL) into the image cache ahead of time, verified (--checksum, --insecure-unverified); snapshot create|list|revert|delete NAME acts on one snapshot name across every machine; gen --makefile DIR writes a Makefile (plus the domain XML and seed files) that brings the same lab up and down with virsh, qemu-img and genisoimage alone. Playbooks named in the lab file (playbooks:) run with ansible-playbook after a run that created machines; provision runs them again against the lab as it is. run TEMPLATE (or run --image URL|KEY, a cloud image) brings up one VM from a virt-builder template as a lab of one machine without a file (--name, --nic, --memory, --vcpus, --size, --ssh, --ssh-key; status, down and destroy take it with --lab NAME). The file is rejviz.yaml in the current directory unless -f FILE (- for stdin). -c/--connect URI chooses the libvirt connection.',
    examples: [
      ['What would change', 'rejviz-up plan'],
      ['Bring the lab up, with a variable', 'rejviz-up --var MEMORY=2G'],
      ['Its machines, as JSON', 'rejviz-up status --json'],
      ['Shut it down, waiting at most 30 s', 'rejviz-up down --timeout 30'],
      ['Every lab on this host', 'rejviz-up list'],
      ['The whole lab back to one moment', 'rejviz-up snapshot create clean && rejviz-up snapshot revert clean'],
      ['Template images no machine uses, removed after a look', 'rejviz-up images prune --dry-run && rejviz-up images prune'],
      ['A cloud image fetched and verified ahead of time, for --offline later', 'rejviz-up images pull ubuntu-24.04'],
      ['A Makefile for the lab, then the lab up with make alone', 'rejviz-up gen --makefile lab-make && make -C lab-make up'],
      ['One VM, no lab file', 'rejviz-up run debian-12 --name scratch --nic network=default --memory 1G'],
      ["One VM from a distribution's cloud image, verified", 'rejviz-up run --image debian-12 --nic network=default'],
      ['Log in to a machine, its host key pinned', 'rejviz-up ssh db -- uptime'],
      ['The lab for ssh -F and for ansible', 'rejviz-up ssh-config > lab.ssh && rejviz-up inventory > inventory.yml'],
      ["The lab file's playbooks, again", 'rejviz-up provision --lab web'],
      ['Take it away', 'rejviz-up destroy'],
    ],
  },
  execute: async (ctx) => (await import('./execute.js')).execute(ctx),
};
