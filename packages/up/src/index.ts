// @rejviz/up: the lab (docs/up.md). So far: the lab file, read, checked and resolved.
export { loadLab, type LabInput } from './lab-file/load-lab.js';
export { LabFileError } from './lab-file/lab-error.js';
export { labSchema } from './lab-file/schema-errors.js';
export { parseVarOption } from './lab-file/expand-vars.js';
export { sizeMiB, sizeText } from './lab-file/sizes.js';
export type * from './lab-file/lab-types.js';
export { allocateLab, type AllocatedMachine, type AllocatedNic, type AllocationInput } from './allocate.js';
export { lockLab, type LabLock, type LockHolder, type LockOptions } from './state/lab-lock.js';
export { readLabState, removeLabState, writeLabState, STATE_VERSION, type LabState } from './state/lab-state.js';
export { labDir, labsDir } from './state/lab-paths.js';
export { planUp, type UpPlan, type UpRequest } from './plan/plan-up.js';
export { domainName, planLab, type ExistingDomain, type LabPlan, type MachineStep, type PlanInput, type TemplateStep } from './plan/plan-lab.js';
export { configChanges, machineConfig, templateDigest, type MachineConfig } from './plan/machine-config.js';
export { LAB_XMLNS, LAB_XMLNS_KEY, machineMetadataXml, readMachineRecord, type MachineRecord } from './libvirt/machine-metadata.js';
export { readHost, type HostView } from './libvirt/read-host.js';
export { destroyLab, type DestroyReport, type DestroyRequest } from './lifecycle/destroy-lab.js';
export { labStatus, type MachineStatus } from './lifecycle/lab-status.js';
export { labResources, type LabDomain, type LabResources } from './libvirt/lab-resources.js';
