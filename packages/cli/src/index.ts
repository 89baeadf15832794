// Public surface of @rejviz/cli: command plumbing shared by the bins.
export * from './command-class.js';
export * from './common-options.js';
export * from './error-report.js';
export * from './load-plugins.js';
export * from './run-main.js';
export * from './split-args.js';
export * from './user-config.js';
export * from './help-text.js';
export * from './print-guest-plan.js';
