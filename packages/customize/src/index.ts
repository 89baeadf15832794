// Public surface of @rejviz/customize: the library (customize, sysprep, planGuestRun,
// runGuestPlan) and the bins' specs.
export { customizeSpec } from './customize-command.js';
export { sysprepSpec } from './sysprep-command.js';
export { customize, guestToolPlugins, sysprep } from './customize.js';
export { planGuestRun, type GuestRunPlan } from './plan.js';
export type { GuestToolRequest } from './request.js';
export { runGuestPlan, type GuestRunResult } from './run-guest-plan.js';
