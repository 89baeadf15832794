// Public surface of @rejviz/install: the library (install, planInstall, runInstall, undoOwnDomain)
// and the bin's spec.
export { installSpec } from './install-command.js';
export { install, installPlugins } from './install.js';
export { planInstall, type InstallRun } from './plan.js';
export type { InstallRequest } from './request.js';
export { runInstall } from './run-install.js';
export { undoOwnDomain } from './own-domain.js';
export { chooseOsinfo, osinfoDirs, type OsinfoChoice } from './osinfo.js';
