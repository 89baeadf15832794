// Public surface of @rejviz/install (rejviz-up uses it as a library).
export { installSpec } from './install-command.js';
export { planInstall, type InstallRun } from './plan.js';
