// The hooks, owned by core (docs/architecture.md#hooks-owned-by-core). Only core's planners and runners call them;
// plugins tap them by name and stage. Plans flow through waterfall hooks (a tap returns the new
// plan); effects go through series hooks.
import type { AsyncSeriesHook, AsyncSeriesWaterfallHook } from 'tapable';
import type { RunResult, Runner } from './exec.js';
import type { GuestFindings, NetworkDescription, Verdict } from './guest-findings.js';
import type { GuestPlan } from './guest-plan.js';
import type { GuestFacts } from './inspect/guest-facts.js';
import type { InstallPlan } from './install-plan.js';
import type { LibvirtConnection } from './libvirt-connection.js';
import type { LibvirtState } from './libvirt-state.js';
import type { ImageManifest } from './manifest.js';

/** What a tap may read while planning: its own parsed options, the runner, the environment. */
export interface PlanContext {
  /** The command being run, e.g. 'builder'. */
  command: string;
  /**
   * The plugins' option values by key (e.g. nics: NicSpec[]), typed by each option's parse, the
   * same from the command line and from a library request (option-values.ts).
   */
  options: Readonly<Record<string, unknown>>;
  runner: Runner;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * The guest's osinfo short id (e.g. centos7.0), looked up on first call only: from the template
   * index for rejviz-builder, from inspection for customize/sysprep. null when unknown.
   */
  guestOsinfo(): Promise<string | null>;
  /**
   * What inspection of the guest image found (OS and network stacks), for commands that work on
   * an existing image (customize, sysprep); absent for rejviz-builder, whose template is only
   * known by its index entry. Looked up on first call (one read-only appliance launch, cached).
   */
  guestFacts?(): Promise<GuestFacts>;
  /** Adds a one-line warning shown to the user. */
  warn(text: string): void;
}

/** What a planInstall tap may read besides PlanContext. */
export interface InstallContext extends PlanContext {
  /** The virsh arguments that select the same connection as virt-install (['-c', URI] or []). */
  virshConnect: readonly string[];
  /** The same connection for virshQuery, which reports a failed connection as bad input. */
  connection: LibvirtConnection;
  /** The disk images given with --disk (path=, vol= resolved to a path where possible), in order. */
  disks: readonly { path: string; format: string | null }[];
  /** The connection's networks and the other domains, read once on first call. */
  libvirtState(): Promise<LibvirtState>;
  /** The virt-install options the user gave, by full name, with their values (in order). */
  userOptions: readonly { option: string; value: string | null; indexes: number[] }[];
}

/** One machine of a lab, as the lab hooks see it (rejviz-up). */
export interface LabMachineInfo {
  lab: string;
  /** The machine's name in the lab (db, web-1). */
  machine: string;
  /** Its libvirt domain (LAB_MACHINE). */
  domain: string;
  nics: readonly { network: string; mac: string; address: string | null }[];
  groups: readonly string[];
  /** The lab's private state directory (0700), where plugins keep their files (see LabInfo). */
  stateDir: string;
  /** The libvirt connection the lab lives on. */
  connection?: LibvirtConnection;
  /** The template profile it is cloned from. */
  template?: string;
  /** The guest's host name (the lab file's `hostname`, else the machine name); absent when not known. */
  hostname?: string;
  /** The machine's plugin sections (the lab file's `plugins:`, after the planLab taps), by plugin. */
  plugins?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /**
   * Where the machine's management NIC (management: true) forwards the guest's ssh port: host
   * 127.0.0.1 and a port; null without one, or before the machine is created (prepareLab).
   */
  management?: { host: string; port: number } | null;
  /**
   * The file its serial console is logged to (virtlogd writes it, anew at each start), in the
   * lab's state directory; null or absent when it has none (made before rejviz-up logged consoles).
   */
  consoleLog?: string | null;
}

/** A lab, as the lab hooks see it. */
export interface LabInfo {
  lab: string;
  /** The libvirt connection the lab lives on. */
  connection: LibvirtConnection;
  machines: readonly LabMachineInfo[];
  /**
   * The lab's private state directory (0700): plugins keep what the lab needs on the host there
   * (keys, known_hosts, an inventory). destroy removes it, with everything in it, before
   * labDestroyed runs.
   */
  stateDir: string;
  /**
   * The lab file's lab-wide plugin sections (its top-level `plugins:`, with `playbooks:` resolved
   * into `ansible.playbooks`), by plugin; absent when the file was not read (destroy --lab NAME).
   */
  plugins?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** labReady: the machines (names in the lab) this run created or replaced; absent or empty: none. */
  created?: readonly string[];
}

/** One machine of a lab being planned, as a planLab tap sees it: what it may add to. */
export interface LabPlanMachine {
  readonly machine: string;
  readonly domain: string;
  readonly template: string;
  readonly hostname: string;
  readonly groups: readonly string[];
  /** Whether it has a management NIC (ssh forwarded from 127.0.0.1) and a NIC with a planned (static or auto) address. */
  readonly management: boolean;
  readonly plannedAddress: boolean;
  /** The machine's cloud-config additions (the seed merges them in); a tap may add keys. */
  userData: Record<string, unknown>;
  /** The machine's plugin sections of the lab file, by plugin; a tap may add to its own. */
  plugins: Record<string, Record<string, unknown>>;
}

/** A lab being planned (rejviz-up, before its plan is made): its machines, in the file's order. */
export interface LabDraft {
  readonly lab: string;
  readonly connection: LibvirtConnection;
  readonly machines: LabPlanMachine[];
  /** The lab file's lab-wide plugin sections (as LabInfo.plugins), for taps to check; read-only. */
  readonly plugins?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** What a lab hook's tap may use. */
export interface LabContext {
  runner: Runner;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Adds a one-line notice for the user. */
  notice(text: string): void;
}

/** A wrapped tool about to run (or just run). */
export interface ToolCall {
  tool: string;
  args: readonly string[];
}

export interface Hooks {
  /**
   * Plans a virt-builder, virt-customize or virt-sysprep run. Taps append operations, files and
   * NICs to the plan and return it; they must not run anything that changes state.
   */
  readonly planGuest: AsyncSeriesWaterfallHook<[GuestPlan, PlanContext]>;
  /**
   * Plans a virt-install run: taps add domain NICs, a seed or other arguments (addInstallArgs) and
   * return the plan; they may only run read-only queries (virsh net-list, dumpxml ...).
   */
  readonly planInstall: AsyncSeriesWaterfallHook<[InstallPlan, InstallContext]>;
  /** Just before the wrapped tool starts (not called under --dry-run). */
  readonly beforeTool: AsyncSeriesHook<[ToolCall, PlanContext]>;
  /** After the wrapped tool ended successfully. */
  readonly afterTool: AsyncSeriesHook<[ToolCall, RunResult, PlanContext]>;
  /** The image manifest after a successful build; taps may change its values (not add keys: the schema is closed) and return it. */
  readonly imageManifest: AsyncSeriesWaterfallHook<[ImageManifest, PlanContext]>;
  /**
   * Judges what rejviz-peek read (docs/hooks.md): each tap appends its verdicts to the list and
   * returns it (plugin-mac-match: every NIC configuration against the domain's or manifest's NICs,
   * by MAC). An 'error' verdict makes the peek inconsistent. Runs nothing.
   */
  readonly judgeGuest: AsyncSeriesWaterfallHook<[Verdict[], GuestFindings]>;
  /** Says which network configuration the guest reads, for rejviz-peek's report (plugin-nic); starts from null. */
  readonly describeNetwork: AsyncSeriesWaterfallHook<[NetworkDescription | null, GuestFacts]>;
  /**
   * rejviz-up: plans a lab, before its machines' configurations are compared with what exists.
   * Taps may change each machine's userData and plugins (what they add is part of the machine's
   * configuration, so a change replaces the machine) and return the draft; they may not add or
   * remove machines, and must not change anything outside (plan and --dry-run call it too).
   */
  readonly planLab: AsyncSeriesWaterfallHook<[LabDraft, LabContext]>;
  /**
   * rejviz-up: a run is about to create or replace machines (not called for plan or --dry-run, nor
   * when nothing changes): taps make on the host what the machines need before they boot (keys,
   * known_hosts) in `stateDir`. Called once, before any machine is created, with every machine.
   */
  readonly prepareLab: AsyncSeriesHook<[LabInfo, LabContext]>;
  /**
   * rejviz-up: a machine's NoCloud seed is being written. Taps add cloud-config that must never be
   * recorded (private host keys, a password hash) to the map and return it; it goes into the seed
   * only, never into the plan, the domain's metadata, logs or --json. Keys merge as the lab file's
   * userData does (lists appended).
   */
  readonly machineSeed: AsyncSeriesWaterfallHook<[Record<string, unknown>, LabMachineInfo, LabContext]>;
  /** rejviz-up: a machine's domain was defined, started and recorded (not for a machine kept as it was). */
  readonly machineDefined: AsyncSeriesHook<[LabMachineInfo, LabContext]>;
  /** rejviz-up: the lab is as its file says (after a run that changed it, and after one that had nothing to do). */
  readonly labReady: AsyncSeriesHook<[LabInfo, LabContext]>;
  /** rejviz-up destroy: everything of the lab is gone; `machines` are those it had. */
  readonly labDestroyed: AsyncSeriesHook<[LabInfo, LabContext]>;
}

/**
 * A fresh, frozen set of hooks for one command run. tapable is loaded here, not at import time:
 * its load cost (tens of milliseconds) stays out of --help and argument errors.
 */
export async function createHooks(): Promise<Hooks> {
  const { AsyncSeriesHook, AsyncSeriesWaterfallHook } = await import('./hook-classes.js');
  return Object.freeze({
    planGuest: new AsyncSeriesWaterfallHook<[GuestPlan, PlanContext]>(['plan', 'context']),
    planInstall: new AsyncSeriesWaterfallHook<[InstallPlan, InstallContext]>(['plan', 'context']),
    beforeTool: new AsyncSeriesHook<[ToolCall, PlanContext]>(['call', 'context']),
    afterTool: new AsyncSeriesHook<[ToolCall, RunResult, PlanContext]>(['call', 'result', 'context']),
    imageManifest: new AsyncSeriesWaterfallHook<[ImageManifest, PlanContext]>(['manifest', 'context']),
    judgeGuest: new AsyncSeriesWaterfallHook<[Verdict[], GuestFindings]>(['verdicts', 'findings']),
    describeNetwork: new AsyncSeriesWaterfallHook<[NetworkDescription | null, GuestFacts]>(['network', 'facts']),
    planLab: new AsyncSeriesWaterfallHook<[LabDraft, LabContext]>(['lab', 'context']),
    prepareLab: new AsyncSeriesHook<[LabInfo, LabContext]>(['lab', 'context']),
    machineSeed: new AsyncSeriesWaterfallHook<[Record<string, unknown>, LabMachineInfo, LabContext]>(['userData', 'machine', 'context']),
    machineDefined: new AsyncSeriesHook<[LabMachineInfo, LabContext]>(['machine', 'context']),
    labReady: new AsyncSeriesHook<[LabInfo, LabContext]>(['lab', 'context']),
    labDestroyed: new AsyncSeriesHook<[LabInfo, LabContext]>(['lab', 'context']),
  });
}
