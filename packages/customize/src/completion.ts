// What rejviz-customize and rejviz-sysprep add to shell completion (docs/completion.md): --nic's
// syntax. Their tools' -d/--domain is completed from libvirt as their --help names it (<domain>).
import type { CommandCompletion } from '@rejviz/cli/completion';
import { NIC_OPTION_VALUES } from '@rejviz/plugin-nic/option-values';

/** rejviz-customize's and rejviz-sysprep's part of shell completion: --nic and --nic-format. */
export const guestToolCompletion: CommandCompletion = { values: NIC_OPTION_VALUES };
