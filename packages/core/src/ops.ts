// The typed, ordered list of guest operations (like libguestfs's customize module): plugins append
// operations, and the table in op-table.ts renders them into the argv of virt-builder,
// virt-customize or virt-sysprep. Each operation records the plugin that added it (`origin`).

interface OpBase {
  /** Name of the plugin (or 'user') that asked for this operation. */
  origin: string;
  /**
   * 'first': rendered before the user's own options (the tools apply customize options in
   * command-line order), e.g. registering a subscription before the user's --install.
   * Default: after them.
   */
  placement?: 'first';
}

export type Op = OpBase &
  (
    | { kind: 'write'; path: string; content: string }
    | { kind: 'mkdir'; path: string }
    | { kind: 'upload'; source: string; dest: string }
    | { kind: 'chmod'; mode: number; path: string }
    | { kind: 'delete'; path: string }
    | { kind: 'link'; target: string; links: string[] }
    | { kind: 'run-command'; command: string }
    | { kind: 'run'; script: string }
    | { kind: 'firstboot-command'; command: string }
    | { kind: 'hostname'; hostname: string }
    | { kind: 'root-password'; selector: string }
    | { kind: 'ssh-inject'; user: string; keyFile?: string }
    | { kind: 'install'; packages: string[] }
    | { kind: 'sm-credentials'; selector: string }
    | { kind: 'sm-register' }
    | { kind: 'sm-attach'; selector: string }
    | { kind: 'sm-remove' }
    | { kind: 'sm-unregister' }
  );

export type OpKind = Op['kind'];
export type OpOf<K extends OpKind> = Extract<Op, { kind: K }>;
