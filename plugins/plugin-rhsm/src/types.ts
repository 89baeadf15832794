// The shapes plugin-rhsm passes between reading the options, reading the secret and rendering.

/** Where the --rhsm-user password comes from. */
export type PasswordSource = { kind: 'file'; path: string; given: string } | { kind: 'env' };

/** How to register, as read from the options (the password not read yet). */
export type RhsmAuthChoice =
  | { kind: 'activation-key'; org: string; key: string }
  | { kind: 'password'; user: string; org: string | null; source: PasswordSource };

/** How to register, with the secret in hand. */
export type RhsmAuth =
  | { kind: 'activation-key'; org: string; key: string }
  | { kind: 'password'; user: string; org: string | null; password: string };

export type RhsmAttach = { kind: 'auto' } | { kind: 'pool'; id: string };

/** The validated --rhsm-* options: register (and attach), or unregister alone. */
export type RhsmChoice =
  | { kind: 'register'; auth: RhsmAuthChoice; attach: RhsmAttach | null }
  | { kind: 'unregister' };
