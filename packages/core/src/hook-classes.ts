// tapable's hook classes, for createHooks to load lazily. tapable is CommonJS: a bundled bin keeps
// a CommonJS package's named exports only when it is imported statically, as here.
export { AsyncSeriesHook, AsyncSeriesWaterfallHook } from 'tapable';
