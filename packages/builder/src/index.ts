// Public surface of @rejviz/builder: the library (build, planBuild, runBuild) and the bin's spec.
export { builderSpec } from './command.js';
export { build, builderPlugins } from './build.js';
export { planBuild, type BuildPlan } from './plan.js';
export type { BuildRequest } from './request.js';
export { runBuild } from './run-build.js';
export { listTemplates, type TemplateEntry } from './template-list.js';
export { indexBody, indexCopyPath, indexFetchArgs, readIndexEntry, templateRevision, templateSourceEntries, templateSources, type RemoteIndexOptions, type TemplateRevision, type TemplateSource } from './template-source.js';
