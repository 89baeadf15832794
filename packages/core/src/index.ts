// Public surface of @rejviz/core.
export * from './errors.js';
export * from './exec.js';
export * from './host-facts.js';
export * from './shell-quote.js';
