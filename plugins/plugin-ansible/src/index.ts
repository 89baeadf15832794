// Public surface of @rejviz/plugin-ansible: a lab's ansible inventory (YAML, INI, dynamic), its
// /etc/hosts blocks and its playbooks, made from an InventoryLab that rejviz-up fills in, and the
// plugin that taps the lab hooks with them.
export { DEFAULT_PYTHON, guestHostname, type InventoryLab, type InventoryMachine } from './inventory-lab.js';
export { ansibleGroupName, inventoryGroups, type GroupSource, type InventoryGroup } from './inventory-groups.js';
export { sshPathProblem, sshPathValue } from './ssh-option-value.js';
export { hostVars, labHostVars, sshCommonArgs, type HostVars } from './host-vars.js';
export { renderYamlInventory } from './render-yaml.js';
export { iniVariable, renderIniInventory } from './render-ini.js';
export { dynamicHost, dynamicList, type DynamicList } from './dynamic.js';
export { hostsBlock, hostsLines, removeFromHostsFile, updateHostsFile, type HostsMachine } from './etc-hosts.js';
export { applyLabHostsBlock, writeHostsFile } from './write-hosts-file.js';
export { guestHostsFile, guestHostsWriteFile, type HostsLab, type WriteFilesEntry } from './guest-etc-hosts.js';
export { labHosts } from './lab-hosts.js';
export { seedEtcHosts } from './seed-etc-hosts.js';
export { hostsFilePath, updateHostBlock } from './host-etc-hosts.js';
export { ANSIBLE_SECTION, checkPlaybookFiles, readAnsibleSettings, type AnsibleSettings } from './ansible-settings.js';
export { noAnsibleHosts, runPlaybooks, type PlaybookRun } from './run-playbooks.js';
export { inventoryPaths, writeInventoryFiles } from './write-inventory.js';
export { ansiblePlugin } from './plugin.js';
export { labInventory } from './lab-inventory.js';
