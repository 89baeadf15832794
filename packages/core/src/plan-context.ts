// The one factory of the PlanContext a planner hands to the hooks: the services, the plugin option
// values, the lazy guest lookups, and a warnings list the taps' context.warn() fills.
import type { GuestFacts } from './inspect/guest-facts.js';
import type { PlanContext } from './hooks.js';
import type { OptionValues } from './option-values.js';
import type { Services } from './services.js';

/** Lazy answers about the guest, looked up only when a tap asks. */
export interface GuestLookups {
  guestOsinfo(): Promise<string | null>;
  guestFacts?(): Promise<GuestFacts>;
}

/** A PlanContext for `command`; `warnings` collects what taps warn about (after `initial`). */
export function createPlanContext(services: Services, command: string, options: OptionValues, lookups: GuestLookups, initial: readonly string[] = []): { context: PlanContext; warnings: string[] } {
  const warnings = [...initial];
  const context: PlanContext = {
    command, options, runner: services.runner, env: services.env, cwd: services.cwd,
    guestOsinfo: lookups.guestOsinfo,
    ...(lookups.guestFacts && { guestFacts: lookups.guestFacts }),
    warn: (text) => void warnings.push(text),
  };
  return { context, warnings };
}
