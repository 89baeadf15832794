// The options the seed inputs come from. Every error message names one of them, so the command
// that exposes these inputs must spell its options the same way.

/** Option names used in error messages. */
export const OPTIONS = {
  userData: '--user-data',
  hostname: '--hostname',
  sshKey: '--ssh-key',
  user: '--user',
  instanceId: '--instance-id',
  seedLocal: '--seed-local',
  seedFirstBoot: '--seed-first-boot',
  manifest: '--manifest',
} as const;
