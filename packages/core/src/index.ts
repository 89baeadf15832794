// Public surface of @rejviz/core.
export * from './errors.js';
export * from './exec.js';
export * from './guest-file.js';
export * from './guest-plan.js';
export * from './hooks.js';
export * from './host-facts.js';
export * from './manifest.js';
export * from './op-support.js';
export * from './op-table.js';
export * from './operations-doc.js';
export * from './ops.js';
export * from './plugin.js';
export * from './schema.js';
export * from './shell-quote.js';
export * from './stages.js';
export * from './tool-info.js';
export * from './version.js';
