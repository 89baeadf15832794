// Public surface of @rejviz/customize (rejviz-up uses it as a library).
export { customizeSpec } from './customize-command.js';
export { sysprepSpec } from './sysprep-command.js';
export { planGuestRun, type GuestRunPlan } from './plan.js';
