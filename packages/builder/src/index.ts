// Public surface of @rejviz/builder (used by rejviz-up as a library).
export { builderSpec } from './command.js';
export { planBuild, type BuilderPlan } from './plan.js';
export { runBuild } from './run-build.js';
