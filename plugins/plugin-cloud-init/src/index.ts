// Public surface of @rejviz/plugin-cloud-init: the contents of a NoCloud seed (meta-data,
// network-config, user-data) and the checks on their inputs. Writing the seed is the caller's job.
export { OPTIONS } from './option-names.js';
export { newInstanceId, validateInstanceId, type RandomBytes } from './instance-id.js';
export { hostnameProblem, validateHostname } from './hostname.js';
export { renderMetaData, type MetaDataInput } from './meta-data.js';
export { renderNetworkConfig } from './network-config.js';
export { SSH_KEY_TYPES, sshKeyIdentity, validateSshPublicKey } from './ssh-public-key.js';
export { SUDO_ALL, validateUserName, type CloudInitUser } from './cloud-config-users.js';
export { CLOUD_CONFIG_HEADER, parseUserDataBase, YAML_OPTIONS, type UserDataBase } from './user-data-base.js';
export { buildUserData, type UserDataInput } from './user-data.js';
export { FAST_BOOT_CONFIG, FAST_BOOT_DIGEST, FAST_BOOT_DROP_IN, fastBootCommand, INIT_NETWORK_DROP_IN } from './fast-boot.js';
export { cloudInitFastBootPlugin } from './fast-boot-plugin.js';
export { fastBootCommands } from './fast-boot.js';
export { firstBootInstallCommand, SKIP_CLOUD_INIT } from './first-boot-template.js';
export { firstBootSeed, type FirstBootInput, type FirstBootSeed } from './first-boot-seed.js';
