// Public surface of @rejviz/plugin-ansible: a lab's ansible inventory (YAML, INI, dynamic) and its
// /etc/hosts blocks, made from an InventoryLab that rejviz-up fills in. Writing files is the
// caller's job, except the hosts file, which has its own atomic writer.
export { DEFAULT_PYTHON, guestHostname, type InventoryLab, type InventoryMachine } from './inventory-lab.js';
export { ansibleGroupName, inventoryGroups, type GroupSource, type InventoryGroup } from './inventory-groups.js';
export { sshPathProblem, sshPathValue } from './ssh-option-value.js';
export { hostVars, labHostVars, sshCommonArgs, type HostVars } from './host-vars.js';
export { renderYamlInventory } from './render-yaml.js';
export { iniVariable, renderIniInventory } from './render-ini.js';
export { dynamicHost, dynamicList, type DynamicList } from './dynamic.js';
export { hostsBlock, hostsLines, removeFromHostsFile, updateHostsFile } from './etc-hosts.js';
export { applyLabHostsBlock, writeHostsFile } from './write-hosts-file.js';
export { guestHostsFile, guestHostsWriteFile, type WriteFilesEntry } from './guest-etc-hosts.js';
export { ansiblePlugin, inventoryPaths } from './plugin.js';
export { labInventory } from './lab-inventory.js';
