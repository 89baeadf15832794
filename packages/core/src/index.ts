// Public surface of @rejviz/core.
export * from './errors.js';
export * from './exec.js';
export * from './guest-file.js';
export * from './first-boot.js';
export * from './guest-plan.js';
export * from './hooks.js';
export * from './host-facts.js';
export * from './install-plan.js';
export * from './libvirt-state.js';
export * from './manifest.js';
export * from './op-support.js';
export * from './op-table.js';
export * from './operations-doc.js';
export * from './ops.js';
export * from './plugin.js';
export * from './schema.js';
export * from './shell-quote.js';
export * from './stages.js';
export * from './sub-options.js';
export * from './tool-args.js';
export * from './tool-info.js';
export * from './version.js';
// The guest config readers (they load yaml and ip-address) are the subpath @rejviz/core/guest-config,
// so that every command's start does not pay for them.
export type { GuestAddress, GuestConfigFile, GuestConfigFormat, GuestNicConfig } from './guest-config/index.js';
export * from './inspect/guest-facts.js';
export { probeScript } from './inspect/probe-script.js';
export { parseProbes, parseOsRelease } from './inspect/parse-probes.js';
export * from './inspect/inspect-guest.js';
export * from './inspect/guest-nics.js';
export { parseConfigFiles, configFileCommands, type GuestFileText } from './inspect/config-files.js';
export * from './cleanup.js';
export * from './failpoint.js';
export * from './leftover-processes.js';
export * from './signal-exit-code.js';
export * from './stop-signals.js';
export * from './publish-files.js';
export * from './private-dir.js';
export * from './secret-args.js';
export * from './secret-debug.js';
export * from './secret-file.js';
export * from './shown.js';
export * from './yaml-scalar.js';
export * from './libvirt-connection.js';
export * from './pool-queue.js';
export * from './disk-image.js';
// The NIC rules (they load ip-address) are the subpath @rejviz/core/nic; only their types are here.
export type { Bootproto, IpAddress, NicConfig, NicReport, NicWords } from './nic/index.js';
export * from './image-in-use.js';
export * from './option-values.js';
export * from './plan-context.js';
export * from './run-planned-tool.js';
export * from './services.js';
export * from './guest-findings.js';
export { BOOTPROTOS } from './nic/nic-config.js';
// The interface-name rule without the rest of ./nic (which loads ip-address): plugin options use it when typed.
export { interfaceNameProblem, isValidInterfaceName } from './nic/interface-name.js';
export { hostLock, hostLockDir } from './host-lock.js';
