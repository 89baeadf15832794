// Public surface of @rejviz/plugin-ssh: a lab's keys (login key, guest host keys made on the host),
// the known_hosts that pins them, ssh-config and ssh/scp/sftp argv that check them strictly, the
// cloud-config that gives a guest its keys and login user, the wait until a guest is ready, and
// what explains one that is not (its console's tail, cloud-init's status).
export { HOST_KEY_TYPES, hostKeyDir, hostKeyPath, knownHostsPath, labKeyPath, sshDir, type HostKeyType } from './lab-ssh-paths.js';
export { ensureLabKeys, readHostKeyTexts, removeLabKeys, removeMachineKeys, type HostKeys, type HostKeyTexts, type KeyPair, type LabKeys, type LabKeysRequest } from './lab-keys.js';
export { renderKnownHosts, writeKnownHosts, type KnownHost } from './known-hosts.js';
export { sshOptions, type SshTarget } from './ssh-target.js';
export { renderSshConfig } from './ssh-config.js';
export { scpArgv, sftpArgv, sshArgv, type Argv, type ScpOperand, type SshArgvOptions } from './ssh-argv.js';
export { generatePassword, isSha512Crypt, sha512Crypt } from './password.js';
export { hostKeysCloudConfig, SSHD_DROP_IN, SUDO_NOPASSWD, sshCloudConfig, type SshCloudConfig, type SshCloudConfigInput, type SshCloudConfigUser } from './cloud-config-ssh.js';
export { keyFingerprint } from './key-fingerprint.js';
export { describeMachineSsh, type MachineSshSummary } from './describe-ssh.js';
export { parseCloudInitResult, RESULT_JSON, type CloudInitResult } from './cloud-init-result.js';
export type { PhaseTime, ReadyPhase } from './ready-phases.js';
export { GuestNotReadyError, type NotReadyReason } from './not-ready-error.js';
export { waitReady, type Failure, type ReadyReport, type WaitReadyRequest } from './wait-ready.js';
export { consoleLines, consoleTail, MAX_LINE } from './console-text.js';
export { REMOVED, withoutSecrets } from './console-secrets.js';
export { cloudInitFromConsole, describeConsoleCloudInit, type ConsoleCloudInit } from './console-cloud-init.js';
export { cloudInitStatus, STATUS_COMMAND, type CloudInitStatusSources } from './cloud-init-status.js';
export { readConsoleLog } from './console-log.js';
export { agentExec, type AgentExecRequest, type AgentExecResult } from './guest-agent-exec.js';
export { domainState, type DomainState } from './domain-state.js';
export { diagnoseNotReady, type DiagnoseRequest } from './not-ready-diagnosis.js';
export { sshPlugin } from './plugin.js';
export { DEFAULT_TIMEOUT_SECONDS, DEFAULT_USER, readSshSettings, type SshSettings } from './ssh-settings.js';
export { machineTarget } from './machine-ready.js';
