// Public surface of @rejviz/plugin-rhsm: --rhsm-* options, secret reading, the registration
// script and the choice between the --sm-* options and a private --run script.
export { rhsmPlugin, type RhsmPluginOptions } from './plugin.js';
export { planSubscription, type ToolVersion } from './plan-subscription.js';
export { readRhsmOptions } from './read-options.js';
export { readPassword, PASSWORD_ENV } from './read-secret.js';
export { renderRegisterScript, registerCommand, attachCommand, shQuote } from './render-script.js';
export { chooseMechanism, hasSmUnregister, type Mechanism } from './choose-mechanism.js';
export { rhelMajor, attachSupported } from './rhel-major.js';
export { placeholderPath } from './private-files.js';
export type { PasswordSource, RhsmAttach, RhsmAuth, RhsmAuthChoice, RhsmChoice } from './types.js';
