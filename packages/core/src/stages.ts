// Named stages order the taps of one hook (webpack's PROCESS_ASSETS_STAGE_* idea): a plugin says
// where its work belongs, never relying on registration order. Gaps leave room between them.
export const STAGE = {
  /** Plain files and directories (user-level content). */
  FILES: 100,
  /** Guest network configuration (--nic). */
  NETWORK: 200,
  /** Subscription (RHSM): after files and network, before keys and firstboot. */
  SUBSCRIPTION: 300,
  /** Users, passwords and ssh keys. */
  ACCESS: 400,
  /** Commands that run at first boot. */
  FIRSTBOOT: 500,
  /** Last word: checks over the whole plan. */
  FINALIZE: 900,
} as const;
export type Stage = (typeof STAGE)[keyof typeof STAGE];
