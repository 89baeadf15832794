// The phases of a machine becoming ready, in order, as waitReady reports them.

/**
 * ssh: answered with the pinned host key and let the login user in; then the seed applied:
 * cloud-init finished, or rejviz's first boot did (the unit a rejviz-up template runs instead).
 */
export type ReadyPhase = 'ssh' | 'cloud-init' | 'first-boot';

/** How messages name the phase that applied the seed. */
export function seedPhaseText(phase: ReadyPhase | undefined): string {
  return phase === 'first-boot' ? 'the first boot' : 'cloud-init';
}

/** A phase reached, and when: milliseconds since the wait began. */
export interface PhaseTime {
  phase: ReadyPhase;
  afterMs: number;
}

/** Seconds with one decimal, as messages show a wait. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
